import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { findProduct } from '../functions/catalog/repository.js';
import type { Identity } from '../functions/shared/auth.js';
import { attachMedium } from '../functions/catalog/media/service.js';

/**
 * Demo product media (issue 15 item 1): a few products get a rendered product picture (JPEG, drawn as SVG and
 * rasterised with sharp at seed time, so the repository holds no binary files) and the cordless drill a PDF
 * datasheet (pdf-lib). Runs after the table seed with the stack's environment; a product that already has media
 * is left alone, so restarts add nothing twice.
 */

const seedActor: Identity = { sub: 'demo-seed', email: 'seed@portal.example', name: 'Demo seed', role: 'back-office' };

interface SeedPicture {
  readonly sku: string;
  readonly alt: string;
  /** Background gradient and the SVG of the product silhouette on an 800 × 600 canvas. */
  readonly colours: readonly [string, string];
  readonly shape: string;
}

const steel = 'fill="#8f9aa6" stroke="#4a5561" stroke-width="6"';
const pictures: readonly SeedPicture[] = [
  {
    sku: 'FAS-0111',
    alt: 'Wood screw M4, countersunk head, zinc plated',
    colours: ['#e8eef5', '#c9d6e3'],
    shape: `<g transform="rotate(-30 400 300)"><ellipse cx="400" cy="130" rx="70" ry="26" ${steel}/><path d="M340 140 L460 140 L430 190 L370 190 Z" ${steel}/><rect x="370" y="190" width="60" height="250" ${steel}/>${[
      0, 1, 2, 3, 4, 5, 6,
    ]
      .map((i) => `<path d="M365 ${205 + i * 34} L435 ${222 + i * 34}" stroke="#4a5561" stroke-width="6"/>`)
      .join('')}<path d="M370 440 L430 440 L400 500 Z" ${steel}/></g>`,
  },
  {
    sku: 'HAN-0211',
    alt: 'Combination spanner, chrome vanadium steel',
    colours: ['#f3efe6', '#ddd3bf'],
    shape: `<g transform="rotate(-25 400 300)"><rect x="250" y="270" width="300" height="60" rx="20" ${steel}/><circle cx="580" cy="300" r="70" ${steel}/><circle cx="580" cy="300" r="32" fill="#ddd3bf" stroke="#4a5561" stroke-width="6"/><path d="M170 240 L250 270 L250 330 L170 360 L200 330 L200 270 Z" ${steel}/></g>`,
  },
  {
    sku: 'POW-0311',
    alt: 'Cordless drill 18 V with battery pack',
    colours: ['#fff4e5', '#ffd9a8'],
    shape:
      '<rect x="230" y="170" width="300" height="120" rx="40" fill="#e8731c" stroke="#7a3a0b" stroke-width="6"/><rect x="530" y="205" width="110" height="50" fill="#8f9aa6" stroke="#4a5561" stroke-width="6"/><rect x="640" y="220" width="80" height="20" fill="#b7c0c9" stroke="#4a5561" stroke-width="4"/><path d="M330 290 L420 290 L400 440 L320 440 Z" fill="#2f3b47" stroke="#151b21" stroke-width="6"/><rect x="280" y="440" width="190" height="70" rx="12" fill="#2f3b47" stroke="#151b21" stroke-width="6"/>',
  },
  {
    sku: 'SAF-0611',
    alt: 'Assembly gloves, nitrile coated',
    colours: ['#eef7ee', '#c9e4c9'],
    shape:
      '<path d="M300 520 L300 330 Q300 300 320 300 L320 170 Q320 140 345 140 Q370 140 370 170 L370 280 L370 130 Q370 100 395 100 Q420 100 420 130 L420 280 L420 140 Q420 110 445 110 Q470 110 470 140 L470 290 L470 180 Q470 150 495 150 Q520 150 520 180 L520 400 Q520 470 470 520 Z" fill="#3f7fbf" stroke="#1d3f60" stroke-width="6"/><rect x="295" y="500" width="230" height="50" rx="10" fill="#f2f2f2" stroke="#1d3f60" stroke-width="6"/>',
  },
  {
    sku: 'PLU-0811',
    alt: 'Press fitting elbow 15 mm, copper',
    colours: ['#f7efe9', '#e6cbb8'],
    shape:
      '<path d="M220 250 L420 250 Q500 250 500 330 L500 480 L400 480 L400 350 L220 350 Z" fill="#c87533" stroke="#6b3b14" stroke-width="6"/><rect x="190" y="240" width="60" height="120" rx="10" fill="#b0652a" stroke="#6b3b14" stroke-width="6"/><rect x="390" y="460" width="120" height="60" rx="10" fill="#b0652a" stroke="#6b3b14" stroke-width="6"/>',
  },
];

export async function renderSeedPicture(picture: Pick<SeedPicture, 'colours' | 'shape'>): Promise<Buffer> {
  const [from, to] = picture.colours;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="800" height="600" fill="url(#g)"/><ellipse cx="400" cy="560" rx="260" ry="18" fill="#000" opacity="0.08"/>${picture.shape}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}

/** A one-page technical datasheet of a product. */
export async function renderDatasheet(product: {
  sku: string;
  name: string;
  description: string;
  attributes?: Readonly<Record<string, string>>;
}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Datasheet ${product.sku}`);
  pdf.setProducer('B2B Portal demo seed');
  const page = pdf.addPage([595.28, 841.89]);
  const [regular, bold] = await Promise.all([pdf.embedFont(StandardFonts.Helvetica), pdf.embedFont(StandardFonts.HelveticaBold)]);
  page.drawRectangle({ x: 0, y: 771, width: 595.28, height: 71, color: rgb(0.91, 0.45, 0.11) });
  page.drawText('Technical datasheet', { x: 48, y: 798, size: 22, font: bold, color: rgb(1, 1, 1) });
  page.drawText(product.name, { x: 48, y: 720, size: 18, font: bold });
  page.drawText(`Article ${product.sku}`, { x: 48, y: 698, size: 11, font: regular, color: rgb(0.3, 0.3, 0.3) });
  page.drawText(product.description.slice(0, 90), { x: 48, y: 670, size: 11, font: regular });
  let y = 630;
  for (const [code, value] of Object.entries({ ...product.attributes, 'Rated voltage': '18 V DC', 'No-load speed': '0-450 / 0-1600 rpm' })) {
    page.drawText(code, { x: 48, y, size: 11, font: bold });
    page.drawText(value, { x: 240, y, size: 11, font: regular });
    y -= 20;
  }
  page.drawText('Demo document generated by the portal seed; values are illustrative.', { x: 48, y: 48, size: 8, font: regular, color: rgb(0.4, 0.4, 0.4) });
  return pdf.save();
}

export async function seedProductMedia(): Promise<number> {
  let added = 0;
  for (const picture of pictures) {
    const product = await findProduct(picture.sku);
    if (!product || product.media?.length) continue;
    await attachMedium(seedActor, picture.sku, {
      bytes: await renderSeedPicture(picture),
      contentType: 'image/jpeg',
      fileName: `${picture.sku.toLowerCase()}.jpg`,
      alt: picture.alt,
    });
    added++;
    if (picture.sku === 'POW-0311') {
      await attachMedium(seedActor, picture.sku, {
        bytes: await renderDatasheet(product),
        contentType: 'application/pdf',
        fileName: `datasheet-${picture.sku.toLowerCase()}.pdf`,
        title: 'Technical datasheet',
      });
      added++;
    }
  }
  return added;
}
