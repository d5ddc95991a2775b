import { badRequest } from '../shared/errors.js';
import { parseCamt053, type BankStatement } from './camt053.js';
import { looksLikeMt940, parseMt940 } from './mt940.js';
import { isZip, readZip } from './zip.js';

/**
 * One uploaded bank file → its statements. The format is read from the content, not the file name:
 * a ZIP archive (each member one statement file; nested archives and anything that is neither
 * camt XML nor MT940 refused), ISO 20022 camt.053/camt.054 XML (in the encoding its declaration
 * names), or SWIFT MT940 (UTF-8, else ISO-8859-1 as German banks deliver it). Pure.
 */

export interface StatementFile {
  /** The archive member name, for files that came in a ZIP. */
  readonly member?: string;
  readonly statement: BankStatement;
}

const BOM = /^\uFEFF/;

function decodeXml(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.replace(/^\uFEFF|^\xEF\xBB\xBF/, ''))?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase(), { fatal: true });
  } catch {
    throw badRequest('INVALID_STATEMENT', `Unknown XML encoding ${declared.slice(0, 40)}`);
  }
  try {
    return decoder.decode(bytes).replace(BOM, '');
  } catch {
    throw badRequest('INVALID_STATEMENT', `The file is not valid ${declared.slice(0, 40)}`);
  }
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(BOM, '');
  } catch {
    return bytes.toString('latin1');
  }
}

/** A single (not archived) statement file. */
function readOne(bytes: Buffer, member?: string): BankStatement {
  const start = bytes
    .subarray(0, 4000)
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (start.startsWith('<')) return parseCamt053(decodeXml(bytes));
  const text = decodeText(bytes);
  if (looksLikeMt940(text)) return parseMt940(text);
  if (member !== undefined) throw badRequest('UNSUPPORTED_ARCHIVE_MEMBER', `${member.slice(0, 100)} is neither camt XML nor MT940`);
  throw badRequest('UNSUPPORTED_STATEMENT', 'The file is neither camt.053/camt.054 XML, MT940 nor a ZIP archive of those');
}

export function readStatementFile(bytes: Buffer): StatementFile[] {
  if (bytes.length === 0) throw badRequest('INVALID_STATEMENT', 'The statement is empty');
  if (!isZip(bytes)) return [{ statement: readOne(bytes) }];
  const members = readZip(bytes).filter((member) => !member.name.startsWith('__MACOSX/'));
  if (members.length === 0) throw badRequest('INVALID_ARCHIVE', 'The archive holds no statement');
  return members.map((member) => {
    if (isZip(member.data)) throw badRequest('UNSUPPORTED_ARCHIVE_MEMBER', `${member.name.slice(0, 100)} is an archive inside the archive`);
    return { member: member.name, statement: readOne(member.data, member.name) };
  });
}
