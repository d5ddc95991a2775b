/**
 * Text for XML element content and attribute values (e-invoices, BMEcat, cXML, KSeF FA(3), XMP).
 * Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR, and the
 * non-characters U+FFFE/U+FFFF) are dropped; markup characters become entities.
 */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping the control characters XML 1.0 cannot carry is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!)
  );
}
