import { createHash } from 'node:crypto';
import { AFRelationship, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { escapeXml } from '../xml.js';
import { readPdfAsset } from './assets.js';

/**
 * PDF/A-3 (level B) parts pdf-lib does not write itself: XMP metadata matching the document
 * information, an sRGB output intent, a file identifier; and the Factur-X / ZUGFeRD attachment of
 * hybrid e-invoices (docs/einvoice.md).
 */

/** The EN 16931 CII XML a PDF carries as its Factur-X / ZUGFeRD part. */
export interface FacturXAttachment {
  /** CII XML with BT-24 `urn:cen.eu:en16931:2017` (Factur-X / ZUGFeRD profile EN 16931). */
  readonly xml: string;
}

export const FACTURX_FILE_NAME = 'factur-x.xml';
export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTURX_CONFORMANCE_LEVEL = 'EN 16931';

/**
 * XMP packet: PDF/A identification (part 3, conformance B), the document information mirrored as
 * PDF/A asks (dc:title = Title, dc:creator = Author, dc:description = Subject, pdf:Keywords,
 * xmp:CreatorTool = Creator, pdf:Producer, xmp:CreateDate / ModifyDate), and for hybrid invoices the
 * Factur-X extension schema (declared in pdfaExtension, as PDF/A requires of non-standard properties).
 */
export function xmpMetadata(
  info: { title: string; author: string; subject: string; keywords: string; creator: string; producer: string; date?: Date },
  facturX: boolean,
): string {
  const date = info.date ? info.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  const property = (name: string, valueType: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${valueType}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  const extension = facturX
    ? [
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
        '<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>',
        `<pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>`,
        '<pdfaSchema:prefix>fx</pdfaSchema:prefix>',
        '<pdfaSchema:property><rdf:Seq>',
        property('DocumentFileName', 'Text', 'The name of the embedded XML document'),
        property('DocumentType', 'Text', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'),
        property('Version', 'Text', 'The actual version of the standard applying to the embedded XML document'),
        property('ConformanceLevel', 'Text', 'The conformance level of the embedded XML document'),
        '</rdf:Seq></pdfaSchema:property>',
        '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
        '</rdf:Description>',
        `<rdf:Description rdf:about="" xmlns:fx="${FACTURX_NAMESPACE}">`,
        '<fx:DocumentType>INVOICE</fx:DocumentType>',
        `<fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName>`,
        '<fx:Version>1.0</fx:Version>',
        `<fx:ConformanceLevel>${FACTURX_CONFORMANCE_LEVEL}</fx:ConformanceLevel>`,
        '</rdf:Description>',
      ]
    : [];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description>',
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${escapeXml(info.producer)}</pdf:Producer><pdf:Keywords>${escapeXml(info.keywords)}</pdf:Keywords></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>${date ? `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>` : ''}</rdf:Description>`,
    ...extension,
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** PDF/A parts pdf-lib does not write itself: XMP metadata, the sRGB output intent, the file identifier. */
export async function makePdfA(doc: PDFDocument, metadata: PdfMetadata, date: Date | undefined, facturX: FacturXAttachment | undefined): Promise<void> {
  const { context, catalog } = doc;
  const xmp = xmpMetadata(
    {
      title: metadata.title,
      author: metadata.author,
      subject: metadata.subject,
      keywords: metadata.keywords.join(' '),
      creator: CREATOR,
      producer: PRODUCER,
      ...(date ? { date } : {}),
    },
    facturX !== undefined,
  );
  // Metadata streams stay unfiltered (PDF/A 6.6.2.1).
  const stream = context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(stream));

  const profile = context.flateStream(await readPdfAsset('sRGB.icc'), { N: 3 });
  const outputIntent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFHexString.fromText('sRGB IEC61966-2.1'),
    Info: PDFHexString.fromText('sRGB IEC61966-2.1'),
    RegistryName: PDFHexString.fromText('http://www.color.org'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(outputIntent)]));

  // File identifier (required by PDF/A), derived from the content so renders stay deterministic.
  const id = createHash('md5')
    .update(`${metadata.title}\n${metadata.date}\n${facturX?.xml ?? ''}`)
    .digest('hex');
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

const CREATOR = 'B2B Portal';
const PRODUCER = 'B2B Portal (pdf-lib)';

/** What the info dictionary and the XMP packet say about a document; `date` is its ISO date (YYYY-MM-DD). */
export interface PdfMetadata {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly keywords: readonly string[];
  readonly date: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Fills the info dictionary (UTF-16: no transliteration needed); returns the document date it set, if `metadata.date` is one. */
export function setDocumentInfo(doc: PDFDocument, metadata: PdfMetadata): Date | undefined {
  doc.setTitle(metadata.title);
  doc.setSubject(metadata.subject);
  doc.setAuthor(metadata.author);
  doc.setKeywords([...metadata.keywords]);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('en');
  if (!isoDate.test(metadata.date)) return undefined;
  const parsed = new Date(`${metadata.date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  doc.setCreationDate(parsed);
  doc.setModificationDate(parsed);
  return parsed;
}

/** ZUGFeRD 2.x / Factur-X: the XML is the alternative (equivalent, machine-readable) form of the invoice. */
export async function attachFacturX(doc: PDFDocument, facturX: FacturXAttachment, date: Date | undefined): Promise<void> {
  await doc.attach(new TextEncoder().encode(facturX.xml), FACTURX_FILE_NAME, {
    mimeType: 'text/xml',
    description: 'Factur-X / ZUGFeRD invoice (EN 16931, UN/CEFACT CII D16B)',
    afRelationship: AFRelationship.Alternative,
    ...(date ? { creationDate: date, modificationDate: date } : {}),
  });
}
