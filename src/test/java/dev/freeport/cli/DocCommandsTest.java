package dev.freeport.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code freeport ...} command written in README.md and docs/*.md (code-block lines and inline code spans)
 * parses with the real command tree: its command exists and takes every option it is shown with. Usage notation is
 * read the usual way: {@code [--by alias|provider]} is optional (its first alternative is checked), {@code \|} in a
 * table is a '|', an all-capitals word is a placeholder (checked as "1"), a command with "..." is left out, a
 * {@code # comment} and a shell pipe end it. Prose may name a command without its required arguments
 * ({@code `freeport drill`}); a code-block line may not. The demo section of docs/CONFIG.md names exactly the demo's aliases.
 */
class DocCommandsTest {
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern OPTIONAL = Pattern.compile("\\[([^\\[\\]]*)]");

    /** A documented command: where it is written, its text, and whether it is an inline span of prose. */
    record Written(String where, String command, boolean inline) {
    }

    static List<Written> commands() throws IOException {
        List<Written> out = new ArrayList<>();
        for (Path md : DocExamplesTest.docs()) {
            List<String> lines = Files.readAllLines(md);
            boolean code = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    code = !code;
                    continue;
                }
                if (code) {
                    StringBuilder joined = new StringBuilder(line);
                    while (joined.toString().endsWith("\\") && i + 1 < lines.size()) {
                        joined.setLength(joined.length() - 1);
                        joined.append(' ').append(lines.get(++i).strip());
                    }
                    String c = joined.toString().strip().replaceFirst("^\\$ ", "");
                    if (isFreeport(c)) {
                        out.add(new Written(md + ":" + (i + 1), c, false));
                    }
                } else {
                    Matcher m = SPAN.matcher(line);
                    while (m.find()) {
                        if (isFreeport(m.group(1))) {
                            out.add(new Written(md + ":" + (i + 1), m.group(1), true));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean isFreeport(String c) {
        return c.startsWith("freeport ") || c.startsWith("./freeport ") || c.equals("freeport");
    }

    /** The arguments after "freeport", read as described in the class comment; null when left out. */
    static List<String> args(String written) {
        if (written.contains("...")) {
            return null;
        }
        String c = written.replace("\\|", "|");
        Matcher m = OPTIONAL.matcher(c);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1).split("\\|")[0]));
        }
        m.appendTail(b);
        c = b.toString();
        List<String> tokens = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    t.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inToken = true;
            } else if (Character.isWhitespace(ch)) {
                if (inToken) {
                    tokens.add(t.toString());
                    t.setLength(0);
                    inToken = false;
                }
            } else if ((ch == '#' || ch == '|') && !inToken) {
                break;
            } else {
                t.append(ch);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(t.toString());
        }
        return tokens.subList(1, tokens.size()).stream().map(a -> a.matches("[A-Z][A-Z_]*") ? "1" : a).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandParses() throws IOException {
        List<Written> all = commands();
        assertThat(all).as("documented commands found").hasSizeGreaterThan(40);
        return all.stream().filter(w -> args(w.command()) != null).map(w -> DynamicTest.dynamicTest(
                w.where() + ": " + w.command(), () -> {
                    List<String> args = args(w.command());
                    try {
                        Main.commandLine(CliContext.SYSTEM).parseArgs(args.toArray(String[]::new));
                    } catch (CommandLine.MissingParameterException e) {
                        if (!w.inline()) {
                            throw new AssertionError(w.where() + ": `" + w.command() + "` does not parse: "
                                    + e.getMessage(), e);
                        }
                    } catch (CommandLine.ParameterException e) {
                        throw new AssertionError(w.where() + ": `" + w.command() + "` does not parse: "
                                + e.getMessage(), e);
                    }
                }));
    }

    @Test
    void theDemoSectionOfTheConfigReferenceNamesEveryAliasOfTheDemo() throws IOException {
        String md = Files.readString(Path.of("docs/CONFIG.md"));
        String section = md.substring(md.indexOf("## The demo config"), md.indexOf("## Coming from LiteLLM"));
        List<String> aliases = dev.freeport.config.ConfigLoader.demo(0, Path.of("unused")).models().stream()
                .map(dev.freeport.config.ModelConfig::name).toList();

        assertThat(aliases).hasSize(6).allSatisfy(a -> assertThat(section).contains("`" + a + "`"));
    }
}
