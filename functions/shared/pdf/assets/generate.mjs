// Copies the font and colour-profile files from the Debian packages into this folder and checks them
// against the SHA-256 sums of README.md (apt-get install fonts-liberation2 icc-profiles-free):
//   node functions/shared/pdf/assets/generate.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const files = {
  'LiberationSans-Regular.ttf': ['/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', '8d91388f1d3604b3b8ae0e3ee2d140e50cd6122f9214514f4aca772540a4076d'],
  'LiberationSans-Bold.ttf': ['/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf', 'ba0e0dc3f7aca5b0afbc31e800531ee43be3aa79ae35b2ef1f6470a9547765c4'],
  'LiberationSans-Italic.ttf': ['/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf', '01f559e5c501d3d5777647c6a92b3ff37a4523bcf4f3b6e97ae052af567618b1'],
  'sRGB.icc': ['/usr/share/color/icc/sRGB.icc', '2a92d4bae450b76d8b0aa42193df974d75f62738ecebf74f01c5e75b12a95796'],
};
for (const [name, [source, sha256]] of Object.entries(files)) {
  const bytes = readFileSync(source);
  const actual = createHash('sha256').update(bytes).digest('hex');
  // Another package version would change the documents' bytes and metrics: update README.md and the tests first.
  if (actual !== sha256) throw new Error(`${source}: SHA-256 ${actual}, README.md names ${sha256}`);
  writeFileSync(new URL(`./${name}`, import.meta.url), bytes);
}
