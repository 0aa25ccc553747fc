import { svg, type SVGTemplateResult } from 'lit';

/**
 * Draws a QR code as SVG. lean-qr is imported only here, when the enrollment step first shows,
 * so the elements' main bundle does not carry it.
 */
export async function qrCode(text: string): Promise<SVGTemplateResult> {
  const [{ generate }, { toSvgPath }] = await Promise.all([import('lean-qr'), import('lean-qr/extras/svg')]);
  const code = generate(text);
  const pad = 4;
  const size = code.size + pad * 2;
  return svg`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-pad} ${-pad} ${size} ${size}" shape-rendering="crispEdges">
    <rect x="${-pad}" y="${-pad}" width="${size}" height="${size}" fill="#ffffff"></rect>
    <path d="${toSvgPath(code)}" fill="#000000"></path>
  </svg>`;
}
