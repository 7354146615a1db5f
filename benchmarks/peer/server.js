// The side-by-side benchmark's peer: @neo4j/graphql 7.6 over Bolt to the service's embedded database, served by
// Apollo Server (the server @neo4j/graphql's own getting-started guide uses), as its documentation sets it up.
// No authentication: the library's @authorization rules would need our JWT's claims mapped to graph places,
// which is the service's job; the benchmark compares it as the city administrator (who sees everything).
// Usage: BOLT_URI=bolt://127.0.0.1:7687 BOLT_PASSWORD=… PORT=4000 node server.js
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(process.env.BOLT_URI ?? "bolt://127.0.0.1:7687",
    neo4j.auth.basic(process.env.BOLT_USER ?? "neo4j", process.env.BOLT_PASSWORD ?? ""));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 4000), host: "127.0.0.1" } });
console.log(`peer ready at ${url}`);

for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
        await server.stop();
        await driver.close();
        process.exit(0);
    });
}
