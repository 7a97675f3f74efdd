package dev.freeport.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script {@code ./freeport}, run by bash in a copy of the checkout whose {@code mvnw} and {@code java}
 * are stand-ins that only record what they were asked: what it says while it builds, and when it builds.
 */
class LauncherTest {
    @TempDir
    Path checkout;

    record Ran(int code, String out, String err) {
    }

    private static void script(Path file, String body) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void copyTheLauncherWithStandIns() throws Exception {
        Files.copy(Path.of("freeport"), checkout.resolve("freeport"));
        Files.writeString(Files.createDirectories(checkout.resolve("src/main")).resolve("A.java"), "class A {}");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        script(checkout.resolve("mvnw"), "mkdir -p target && echo jar > target/freeport.jar\n");
        script(checkout.resolve("jdk/bin/java"), """
                if [ "$1" = "-version" ]; then echo 'openjdk version "21.0.4" 2024-07-16' >&2; exit 0; fi
                echo "java $*"
                """);
    }

    private Ran launch(String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of("bash", checkout.resolve("freeport").toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(checkout.toFile());
        pb.environment().put("JAVA_HOME", checkout.resolve("jdk").toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunSaysItIsBuildingFreeportAndHowLongItTakes() throws Exception {
        Ran r = launch("version");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("freeport: building Freeport (first run, ~40 s");
        assertThat(r.out()).contains("-jar " + checkout.resolve("target/freeport.jar")).endsWith("version\n");
    }

    @Test
    void changedSourcesAreRebuiltWithADifferentMessage() throws Exception {
        launch("version");
        Files.setLastModifiedTime(checkout.resolve("target/freeport.jar"), FileTime.from(Instant.now().minusSeconds(60)));

        Ran r = launch("version");

        assertThat(r.err()).contains("freeport: sources changed, rebuilding target/freeport.jar");
    }

    @Test
    void aFailedBuildSaysSoAndStops() throws Exception {
        script(checkout.resolve("mvnw"), "echo 'compilation failure' >&2; exit 1\n");

        Ran r = launch("version");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("compilation failure", "freeport: the build failed");
        assertThat(r.out()).doesNotContain("java ");
    }

    @Test
    void serveLetsNettyUseUnsafeWhereTheJvmTakesTheFlag() throws Exception {
        Ran r = launch("serve", "--config", "x.yaml");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("--sun-misc-unsafe-memory-access=allow").endsWith("serve --config x.yaml\n");
    }

    @Test
    void serveStartsWithoutTheUnsafeFlagOnAJvmThatRefusesIt() throws Exception {
        script(checkout.resolve("jdk/bin/java"), """
                for a in "$@"; do
                  if [ "$a" = --sun-misc-unsafe-memory-access=allow ]; then
                    echo "Unrecognized option: $a" >&2; exit 1
                  fi
                done
                if [ "${!#}" = "-version" ]; then echo 'openjdk version "21.0.4" 2024-07-16' >&2; exit 0; fi
                echo "java $*"
                """);

        Ran r = launch("serve", "--config", "x.yaml");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("--sun-misc-unsafe-memory-access").contains("-XX:+UseCompactObjectHeaders")
                .endsWith("serve --config x.yaml\n");
    }
}
