// Draws Fieldbook's icons as SVG and renders them to PNG with the machine's Chromium.
// Run it after changing the design: `node scripts/make-icons.mjs`. The PNGs are committed.
import { chromium } from "playwright-core";
import { writeFile } from "node:fs/promises";

const GREEN = "#0b5d3b";
const PAPER = "#f6f4ee";

// A field book (a notebook with a page edge and ruled lines) carrying a tick, on a square.
// `inset` shrinks the glyph towards the centre; maskable icons keep it inside the safe circle.
function svg({ rounded, inset }) {
  const radius = rounded ? 96 : 0;
  const scale = 1 - inset;
  const shift = (512 * inset) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${radius}" fill="${GREEN}"/>
  <g transform="translate(${shift} ${shift}) scale(${scale})">
    <rect x="120" y="84" width="272" height="344" rx="28" fill="${PAPER}"/>
    <rect x="120" y="84" width="56" height="344" rx="20" fill="#d9d4c4"/>
    <g stroke="${GREEN}" stroke-width="14" stroke-linecap="round" opacity="0.35">
      <line x1="212" y1="160" x2="352" y2="160"/>
      <line x1="212" y1="208" x2="352" y2="208"/>
    </g>
    <path d="M214 300 l44 44 l92 -104" fill="none" stroke="${GREEN}" stroke-width="34"
          stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`;
}

const icons = [
  { file: "icon-192.png", size: 192, rounded: true, inset: 0 },
  { file: "icon-512.png", size: 512, rounded: true, inset: 0 },
  { file: "apple-touch-icon.png", size: 180, rounded: false, inset: 0.1 },
  { file: "icon-maskable-512.png", size: 512, rounded: false, inset: 0.24 },
];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const html = `<body style="margin:0;background:transparent">
      <img src="data:image/svg+xml;base64,${Buffer.from(svg(icon)).toString("base64")}"
           width="${icon.size}" height="${icon.size}" style="display:block"></body>`;
    await page.setContent(html);
    const png = await page.screenshot({ omitBackground: true });
    await writeFile(new URL(`../public/icons/${icon.file}`, import.meta.url), png);
    await page.close();
    console.log(`public/icons/${icon.file} (${icon.size}px, ${png.length} bytes)`);
  }
} finally {
  await browser.close();
}
