package cn.nantong.tongtongzai.platform.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.support.FreePort;

class EmbeddedNeo4jTest {

    @TempDir
    Path store;

    @Test
    void dataSurvivesARestartOfTheEmbeddedDatabase() {
        var properties = EmbeddedNeo4jProperties.at(store, FreePort.find());
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(properties);
                Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", neo4j.password().orElseThrow()))) {
            driver.executableQuery("CREATE (:Street {id: '320613001', name: '城东街道'})").execute();
        }

        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(properties);
                Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", neo4j.password().orElseThrow()))) {
            var names = driver.executableQuery("MATCH (s:Street {id: '320613001'}) RETURN s.name AS name").execute()
                    .records().stream().map(r -> r.get("name").asString()).toList();
            assertThat(names).containsExactly("城东街道");
        }
    }

    @Test
    void refusesAPortInUseNamingThePortAndTheProperty() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var properties = EmbeddedNeo4jProperties.at(store, port);
            assertThatThrownBy(() -> EmbeddedNeo4j.start(properties))
                    .isInstanceOf(StartupRefusedException.class)
                    .hasMessageContaining(String.valueOf(port))
                    .satisfies(e -> assertThat(((StartupRefusedException) e).action())
                            .contains("tongtong.neo4j.embedded.bolt-port"));
        }
    }

    @Test
    void refusesANetworkAddressWithoutAuthentication() {
        var properties = new EmbeddedNeo4jProperties(store, "0.0.0.0", FreePort.find(), false, null, List.of());
        assertThatThrownBy(() -> EmbeddedNeo4j.start(properties))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("without authentication")
                .satisfies(e -> assertThat(((StartupRefusedException) e).action())
                        .contains("tongtong.neo4j.embedded.auth-enabled"));
    }

    @Test
    void withAuthenticationOnlyThePasswordOpensTheDatabaseAndItSurvivesARestart() {
        var properties = new EmbeddedNeo4jProperties(store, "127.0.0.1", FreePort.find(), true, "s3cret-通通在", List.of());
        for (int start = 0; start < 2; start++) {
            try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(properties)) {
                try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", "s3cret-通通在"))) {
                    driver.verifyConnectivity();
                }
                try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", "wrong"))) {
                    assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(AuthenticationException.class);
                }
            }
        }
        // a configured password is not copied to disk
        assertThat(store.resolve("bolt-password")).doesNotExist();
    }

    @Test
    void authenticationCanStillBeTurnedOffOnALaptop() {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jProperties.withoutAuthentication(store, FreePort.find()));
                Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            driver.verifyConnectivity();
            assertThat(neo4j.password()).isEmpty();
        }
    }

    @Test
    void aGeneratedPasswordReplacesADeletedOne() throws Exception {
        var properties = EmbeddedNeo4jProperties.at(store, FreePort.find());
        String first;
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(properties)) {
            first = neo4j.password().orElseThrow();
        }
        Files.delete(store.resolve("bolt-password"));
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(properties)) {
            String second = neo4j.password().orElseThrow();
            assertThat(second).isNotEqualTo(first).isEqualTo(Files.readString(store.resolve("bolt-password")).strip());
            try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", second))) {
                driver.verifyConnectivity();
            }
            try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", first))) {
                assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }
        }
    }
}
