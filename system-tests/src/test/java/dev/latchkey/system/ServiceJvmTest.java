package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JVM the launcher picks for the services, and when it hands them the AOT cache. */
class ServiceJvmTest {

    @TempDir
    Path jvms;

    @Test
    void picksTheNewestJdk25OrLaterUnderTheJvmDirectory() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15", "17.0.15+6");
        Path temurin25 = jdk("temurin-25-jdk-amd64", "25.0.3", "25.0.3+9-LTS");
        jdk("broken", null, null);
        ServiceJvm jvm = ServiceJvm.resolve(Map.of(), jvms);
        assertEquals(temurin25.resolve("bin/java"), jvm.java());
        assertEquals(25, jvm.feature());
        assertEquals("25.0.3+9-LTS", jvm.runtimeVersion());
    }

    @Test
    void withoutJdk25TheLaunchersOwnJvmRunsThem() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15", "17.0.15+6");
        assertEquals(ServiceJvm.current(), ServiceJvm.resolve(Map.of(), jvms));
    }

    @Test
    void latchkeyJavaHomeWins() throws IOException {
        Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15", "17.0.15+6");
        jdk("temurin-25-jdk-amd64", "25.0.3", "25.0.3+9-LTS");
        assertEquals(17, ServiceJvm.resolve(Map.of("LATCHKEY_JAVA_HOME", jdk17.toString()), jvms).feature());
        assertThrows(IllegalStateException.class,
                () -> ServiceJvm.resolve(Map.of("LATCHKEY_JAVA_HOME", jvms.resolve("none").toString()), jvms));
    }

    @Test
    void theCacheIsUsedOnlyByTheJdkThatMadeIt() throws IOException {
        Path app = Files.createDirectories(jvms.resolve("quarkus-app"));
        ServiceJvm jdk25 = new ServiceJvm(Path.of("java"), 25, "25.0.3+9-LTS");
        assertEquals(List.of(), jdk25.aotOptions(app, ServiceJvm.AotMode.AUTO), "no cache yet");
        Files.writeString(app.resolve("app.aot"), "cache");
        Files.writeString(app.resolve("app.aot.jdk"), "25.0.3+9-LTS\n");
        assertEquals(List.of("-XX:AOTCache=" + app.resolve("app.aot")), jdk25.aotOptions(app, ServiceJvm.AotMode.AUTO));
        assertEquals(List.of("-XX:AOTCache=" + app.resolve("app.aot")), jdk25.aotOptions(app, ServiceJvm.AotMode.USE));
        assertEquals(List.of(), jdk25.aotOptions(app, ServiceJvm.AotMode.OFF));
        assertEquals(List.of(), new ServiceJvm(Path.of("java"), 25, "25.0.4+7-LTS").aotOptions(app, ServiceJvm.AotMode.AUTO),
                "another JDK 25 build cannot use it");
        assertEquals(List.of(), new ServiceJvm(Path.of("java"), 17, "17.0.15+6").aotOptions(app, ServiceJvm.AotMode.AUTO));
    }

    @Test
    void trainingIsDueUntilEveryServiceHasACacheThisJdkCanUse() throws IOException {
        ServiceJvm jdk25 = new ServiceJvm(Path.of("java"), 25, "25.0.3+9-LTS");
        for (String service : Launcher.SERVICES) {
            assertFalse(AotTraining.fresh(jvms, jdk25), "due before " + service + " has a cache");
            Path app = Files.createDirectories(RunCopy.of(jvms, service));
            Files.writeString(app.resolve("app.aot"), "cache");
            Files.writeString(app.resolve("app.aot.jdk"), "25.0.3+9-LTS\n");
        }
        assertTrue(AotTraining.fresh(jvms, jdk25));
        assertFalse(AotTraining.fresh(jvms, new ServiceJvm(Path.of("java"), 25, "25.0.4+7-LTS")), "another build");
        assertFalse(AotTraining.fresh(jvms, new ServiceJvm(Path.of("java"), 17, "17.0.15+6")), "JDK 17 has none");
    }

    @Test
    void trainingRecordsAndNeedsJdk25() throws IOException {
        Path app = Files.createDirectories(jvms.resolve("quarkus-app"));
        assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + app.resolve("app.aot.config")),
                new ServiceJvm(Path.of("java"), 25, "25.0.3+9-LTS").aotOptions(app, ServiceJvm.AotMode.TRAIN));
        assertThrows(IllegalStateException.class,
                () -> new ServiceJvm(Path.of("java"), 17, "17.0.15+6").aotOptions(app, ServiceJvm.AotMode.TRAIN));
        assertEquals(ServiceJvm.AotMode.AUTO, ServiceJvm.aotMode(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServiceJvm.aotMode(Map.of("LATCHKEY_AOT", "sometimes")));
    }

    @Test
    void backgroundTrainingNeverSeesTheRunsDatabaseOrCredentials() {
        Map<String, String> inherited = Map.of("PATH", "/usr/bin", "LATCHKEY_DB_HOST", "db.example", "LATCHKEY_DB_PASSWORD",
                "secret", "LATCHKEY_BOOTSTRAP_CLIENT_SECRET", "lk_cs_x", "LATCHKEY_AUTH_PORT", "8083");
        Map<String, String> env = Map.of("LATCHKEY_JAVA_HOME", "/jdk25", "LATCHKEY_JAVA_OPTS", "-Xmx300m",
                "LATCHKEY_DB_HOST", "db.example");
        assertEquals(Map.of("PATH", "/usr/bin", "LATCHKEY_JAVA_HOME", "/jdk25", "LATCHKEY_JAVA_OPTS", "-Xmx300m"),
                AotTraining.trainingEnvironment(inherited, env));
    }

    private Path jdk(String name, String version, String runtime) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (version != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + runtime
                    + "\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }
}
