// Runs in the browser before the app's own modules. The pages' CSP forbids eval; zod 4 probes for
// it once (`Function("")`, caught) to decide whether to compile fast object parsers, and the
// browser reports that probe as a CSP violation. Telling zod not to compile keeps it from probing.
import { z } from 'zod';

z.config({ jitless: true });
