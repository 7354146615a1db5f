// Validates GraphQL documents against the committed schema with graphql-js, as a front-end tool
// (graphql-codegen, graphql-inspector, Apollo, urql) would: first the schema itself, then every *.graphql file
// under the documents directory. Prints each problem with its file and position; exits 1 on any.
//   node validate.mjs <schema file> <documents directory>
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, parse, validate, validateSchema, Source, GraphQLError } from 'graphql';

const [schemaFile, documentsDir] = process.argv.slice(2);
if (!schemaFile || !documentsDir) {
  console.error('usage: node validate.mjs <schema file> <documents directory>');
  process.exit(2);
}

let schema;
try {
  schema = buildSchema(new Source(readFileSync(schemaFile, 'utf8'), schemaFile));
} catch (e) {
  console.error(`${schemaFile}: graphql-js cannot build a schema from it: ${e.message}`);
  process.exit(1);
}
const schemaProblems = validateSchema(schema);
for (const problem of schemaProblems) {
  console.error(`${schemaFile}: ${problem.message}`);
}

function* documents(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      yield* documents(path);
    } else if (name.endsWith('.graphql')) {
      yield path;
    }
  }
}

function where(error) {
  const at = error.locations?.[0];
  return at ? `:${at.line}:${at.column}` : '';
}

let valid = 0;
let invalid = 0;
for (const file of documents(documentsDir)) {
  const name = relative(documentsDir, file);
  let errors;
  try {
    errors = validate(schema, parse(new Source(readFileSync(file, 'utf8'), name)));
  } catch (e) {
    errors = [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
  }
  if (errors.length === 0) {
    valid++;
    continue;
  }
  invalid++;
  for (const error of errors) {
    console.error(`${name}${where(error)}: ${error.message}`);
  }
}

const total = valid + invalid;
console.log(`graphql-check: ${valid} of ${total} documents valid against ${schemaFile} (graphql-js ${(await import('graphql')).version})`);
if (schemaProblems.length > 0 || invalid > 0 || total === 0) {
  if (total === 0) {
    console.error(`no *.graphql documents under ${documentsDir}`);
  }
  process.exit(1);
}
