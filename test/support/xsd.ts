import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Validates an XML document against an XSD with libxml2's `xmllint --noout --schema` (Debian package
 * libxml2-utils; `.ci/run` installs it). No network: imports resolve relative to the XSD file.
 * Throws when xmllint itself is missing, so a test can never pass without validating.
 */
export function validateAgainstXsd(xml: string, xsdPath: string): { valid: boolean; errors: string[] } {
  const folder = mkdtempSync(join(tmpdir(), 'xsd-'));
  try {
    const file = join(folder, 'document.xml');
    writeFileSync(file, xml, 'utf8');
    const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdPath, file], { encoding: 'utf8', timeout: 60_000 });
    if (result.error) throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${result.error.message}`);
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
    if (/failed to compile|WXS schema .* failed|Schemas parser error/i.test(output)) throw new Error(`The schema ${xsdPath} does not compile:\n${output}`);
    const errors = output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/ validates$/.test(line) && !/ fails to validate$/.test(line));
    return { valid: result.status === 0, errors };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
