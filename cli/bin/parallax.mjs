#!/usr/bin/env node
// `parallax`: runs the TypeScript CLI (cli/main.ts) through tsx, in this process, so that there is
// no build step. npm links this file into node_modules/.bin (the root package.json's
// "parallax-cli": "file:cli" devDependency: npm never links a package's own bin into its own
// node_modules/.bin; npx would otherwise link the project into its own cache first: see README).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The AWS SDK warns on every start that its releases after January 2027 need Node 22; the project
// pins SDK versions that run on Node 20 (see package.json), so the warning says nothing to act on here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const cliDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.dirname(cliDir);

// tsx takes the tsconfig (the `@/` path alias) from the working directory unless told: point it at
// the project's, wherever parallax is run from. Restored at once: tsx reads it when it registers.
const previous = process.env.TSX_TSCONFIG_PATH;
process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
await import('tsx');
if (previous === undefined) delete process.env.TSX_TSCONFIG_PATH;
else process.env.TSX_TSCONFIG_PATH = previous;

// cli/main.ts is compiled as CommonJS (the project has no "type": "module"): its exports arrive as default.
const mod = await import(pathToFileURL(path.join(cliDir, 'main.ts')).href);
await (mod.main ?? mod.default.main)();
