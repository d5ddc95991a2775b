import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateAgainstXsd } from './xsd.js';

/**
 * The official e-invoice validators, run as a receiver runs them (test/fixtures/validators/README.md):
 * - CEN EN 16931 CII rules (ConnectingEurope validation-1.3.16), compiled Schematron XSLT,
 * - KoSIT XRechnung 3.0.2 CII rules with the Peppol rules merged (xrechnung-schematron v2.5.0),
 * - the UN/CEFACT CII D16B XSD (same CEN release) with xmllint.
 * The XSLTs run with Saxon-HE from Debian (`libsaxonhe-java`; .ci/run installs it): ONE JVM per
 * stylesheet for a whole batch of documents (Saxon's directory mode), both in parallel, since Java
 * starts slowly.
 * Every `svrl:failed-assert` / `svrl:successful-report` flagged `fatal` or `error` is a rejection.
 * Throws when Java or Saxon is missing, so a test can never pass without validating.
 */

const ROOT = resolve(import.meta.dirname, '../fixtures/validators');
export const VALIDATORS = {
  en16931: join(ROOT, 'en16931/EN16931-CII-validation.xslt'),
  xrechnung: join(ROOT, 'xrechnung/XRechnung-CII-validation.xsl'),
  xsd: join(ROOT, 'en16931/xsd/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd'),
} as const;

const SAXON_JARS = ['/usr/share/java/Saxon-HE.jar'];

export interface SchematronFinding {
  readonly id: string;
  readonly flag: string;
  readonly location: string;
  readonly text: string;
}

export interface ValidationReport {
  /** fatal/error findings per validator; empty = accepted. */
  readonly en16931: readonly SchematronFinding[];
  readonly xrechnung: readonly SchematronFinding[];
  readonly xsd: readonly string[];
  /** warnings (not rejections), for the record. */
  readonly warnings: readonly SchematronFinding[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => ['failed-assert', 'successful-report'].includes(name),
});

function findings(svrl: string): SchematronFinding[] {
  const report = parser.parse(svrl)['schematron-output'];
  if (!report) throw new Error(`Not an SVRL report:\n${svrl.slice(0, 500)}`);
  const entries = [...(report['failed-assert'] ?? []), ...(report['successful-report'] ?? [])] as Record<string, unknown>[];
  return entries.map((entry) => {
    const text = entry.text;
    return {
      id: String(entry.id ?? ''),
      flag: String(entry.flag ?? ''),
      location: String(entry.location ?? ''),
      text: (typeof text === 'object' && text !== null ? String((text as Record<string, unknown>)['#text'] ?? '') : String(text ?? ''))
        .replace(/\s+/g, ' ')
        .trim(),
    };
  });
}

const run = promisify(execFile);

async function saxon(stylesheet: string, inputDir: string, outputDir: string): Promise<void> {
  const jar = SAXON_JARS.find((candidate) => existsSync(candidate));
  if (!jar) throw new Error('Saxon-HE is not installed (apt-get install -y libsaxonhe-java)');
  mkdirSync(outputDir, { recursive: true });
  // C1 only: a short run compiles the large stylesheets about three times faster.
  const args = ['-XX:TieredStopAtLevel=1', '-cp', jar, 'net.sf.saxon.Transform', `-s:${inputDir}`, `-xsl:${stylesheet}`, `-o:${outputDir}`];
  try {
    await run('java', args, { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`Saxon failed on ${stylesheet} (is java installed?): ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

/**
 * Validates named CII documents with both Schematron rule sets and the XSD; one JVM per rule set.
 * The result maps each name to its report.
 */
export async function validateEInvoices(documents: Readonly<Record<string, string>>): Promise<Record<string, ValidationReport>> {
  const names = Object.keys(documents);
  if (names.length === 0) return {};
  const folder = mkdtempSync(join(tmpdir(), 'einvoice-'));
  try {
    const input = join(folder, 'in');
    mkdirSync(input);
    names.forEach((name, index) => writeFileSync(join(input, `${index}.xml`), documents[name] ?? '', 'utf8'));
    // The two rule sets in parallel: two JVMs for the whole batch.
    await Promise.all([saxon(VALIDATORS.en16931, input, join(folder, 'en16931')), saxon(VALIDATORS.xrechnung, input, join(folder, 'xrechnung'))]);
    const produced = (kind: string) => new Set(readdirSync(join(folder, kind)));
    const en = produced('en16931');
    const xr = produced('xrechnung');
    const reports: Record<string, ValidationReport> = {};
    names.forEach((name, index) => {
      const file = `${index}.xml`;
      if (!en.has(file) || !xr.has(file)) throw new Error(`Saxon wrote no report for ${name}`);
      const enFindings = findings(readFileSync(join(folder, 'en16931', file), 'utf8'));
      const xrFindings = findings(readFileSync(join(folder, 'xrechnung', file), 'utf8'));
      const rejecting = (finding: SchematronFinding) => finding.flag === 'fatal' || finding.flag === 'error';
      const xsd = validateAgainstXsd(documents[name] ?? '', VALIDATORS.xsd);
      reports[name] = {
        en16931: enFindings.filter(rejecting),
        xrechnung: xrFindings.filter(rejecting),
        xsd: xsd.valid ? [] : xsd.errors.length > 0 ? xsd.errors : ['invalid'],
        warnings: [...enFindings, ...xrFindings].filter((finding) => !rejecting(finding)),
      };
    });
    return reports;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Readable one-liners of what a receiver would reject ("xrechnung BR-DE-6 [fatal] …"), empty = accepted. */
export function rejections(report: ValidationReport): string[] {
  const line = (source: string) => (finding: SchematronFinding) => `${source} ${finding.id} [${finding.flag}] ${finding.text} @ ${finding.location}`;
  return [...report.en16931.map(line('en16931')), ...report.xrechnung.map(line('xrechnung')), ...report.xsd.map((error) => `xsd ${error}`)];
}

/** The files `pdfdetach` (poppler-utils) finds embedded in a PDF, by name. */
export function pdfAttachments(pdf: Uint8Array): Record<string, Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'pdfdetach-'));
  try {
    const file = join(folder, 'document.pdf');
    writeFileSync(file, pdf);
    const out = join(folder, 'out');
    mkdirSync(out);
    const result = spawnSync('pdfdetach', ['-saveall', '-o', out, file], { encoding: 'utf8', timeout: 30_000 });
    if (result.error) throw new Error(`pdfdetach could not run (apt-get install poppler-utils): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`pdfdetach failed: ${result.stderr}`);
    return Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `pdffonts` rows: name, type, embedded (poppler-utils). */
export function pdfFonts(pdf: Uint8Array): { name: string; type: string; embedded: boolean }[] {
  const folder = mkdtempSync(join(tmpdir(), 'pdffonts-'));
  try {
    const file = join(folder, 'document.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('pdffonts', [file], { encoding: 'utf8', timeout: 30_000 });
    if (result.error) throw new Error(`pdffonts could not run (apt-get install poppler-utils): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`pdffonts failed: ${result.stderr}`);
    // name type encoding emb sub uni object ID
    return result.stdout
      .split('\n')
      .slice(2)
      .filter((row) => row.trim() !== '')
      .map((row) => {
        const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(row);
        if (!match) throw new Error(`Unreadable pdffonts row: ${row}`);
        return { name: match[1] ?? '', type: match[2] ?? '', embedded: match[4] === 'yes' };
      });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
