package dev.freeport.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ./freeport} launcher's JVM memory defaults, run for real on the packaged jar. */
class LauncherIT {

    /** What the JVM the launcher starts reports with -XX:+PrintCommandLineFlags, for {@code freeport ARGS}. */
    private static String flags(String javaOpts, String... args) throws IOException, InterruptedException {
        Path launcher = Path.of("freeport").toAbsolutePath();
        assertThat(launcher).isExecutable();
        assertThat(Path.of(System.getProperty("freeport.jar", "target/freeport.jar"))).exists();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(launcher.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FREEPORT_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theGatewayGetsABoundedPreTouchedHeapAndBoundedDirectMemory() throws Exception {
        assertThat(flags("-XX:+PrintCommandLineFlags", "serve", "--help"))
                .contains("-XX:MaxHeapSize=536870912", "-XX:InitialHeapSize=83886080", "-XX:+AlwaysPreTouch",
                        "-XX:MaxNewSize=33554432",
                        "-XX:MaxDirectMemorySize=134217728", "-XX:+UseSerialGC");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void theGatewayGivesTheCHeapItsCompilersFreedBackToTheSystem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 22, "21.0.0 does not know the flag");
        assertThat(flags("-XX:+PrintCommandLineFlags", "serve", "--help")).contains("-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void aShortCommandStartsOnAnUntouchedHeapWithAClassDataArchive() throws Exception {
        assertThat(flags("-XX:+PrintCommandLineFlags", "version"))
                .contains("-XX:MaxHeapSize=536870912", "-XX:+AutoCreateSharedArchive", "freeport-cli.jsa",
                        "-XX:MaxDirectMemorySize=134217728", "-XX:+UseSerialGC")
                .doesNotContain("-XX:+AlwaysPreTouch", "-XX:InitialHeapSize=83886080", "-XX:TrimNativeHeapInterval");
    }

    @Test
    void theLaunchersHeapHoldsTheEmbeddingModelWhileItLoads() throws Exception {
        // the model's loader reads the 90 MB file through a growing byte array and copies it: ~220 MB at once;
        // with a 256 MiB bound `complexity` (and a serve with a complexity alias) died of OutOfMemoryError
        assertThat(flags("", "complexity", "write a haiku about the sea")).contains("score");
    }

    @Test
    void freeportJavaOptsOverrideTheDefaults() throws Exception {
        String out = flags("-Xmx1g -XX:+PrintCommandLineFlags", "version");

        assertThat(out).contains("-XX:MaxHeapSize=1073741824").doesNotContain("-XX:MaxHeapSize=536870912");
    }
}
