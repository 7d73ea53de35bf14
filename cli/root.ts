// The project root (this file is cli/root.ts): the demo scenario and package.json are found from
// here, wherever parallax runs from.
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
