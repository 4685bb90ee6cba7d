// Page object for Coordinate: the hub, the dashboard with its period and area picker, its
// tables and CSV downloads, and the printable half-year report.
import { readFile } from "node:fs/promises";

export class CoordinatePage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async openHub() {
    await this.page.goto(`${this.baseUrl}/coordinate`);
    await this.page.getByRole("heading", { level: 1, name: "Coordinate" }).waitFor();
  }

  /// From the hub, as a coordinator would get there.
  async openDashboard() {
    await this.openHub();
    await this.page.getByRole("link", { name: "Dashboard" }).click();
    await this.page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  }

  /// Picks a period by its label's start ("Last half-year") and an area ("" for every area),
  /// and waits for the address to follow.
  async choose(period, area) {
    const select = this.page.getByLabel("Period", { exact: true });
    const option = select.locator("option").filter({ hasText: new RegExp(`^${period} \\(`) });
    await select.selectOption(await option.getAttribute("value"));
    await this.page.getByLabel("Area", { exact: true }).selectOption(area);
    const wanted = area ? `area=${encodeURIComponent(area)}` : "period=";
    await this.page.waitForURL((url) => url.search.includes(wanted) && (area || !url.search.includes("area=")));
  }

  section(title) {
    return this.page.getByRole("region", { name: title, exact: true });
  }

  async lead(title) {
    return this.section(title).locator(".report-lead").innerText();
  }

  /// A figure's table as rows of cells, the header row first.
  async table(figureId) {
    const table = this.page.locator(`figure#${figureId} table`);
    await table.waitFor();
    return table.locator("tr").evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent.trim())),
    );
  }

  /// Presses a download button and resolves with the file's name and text.
  async download(label) {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: label, exact: true }).click(),
    ]);
    const text = await readFile(await download.path(), "utf8");
    return { name: download.suggestedFilename(), text };
  }

  async openReport() {
    await this.page.getByRole("link", { name: "Half-year report to print" }).click();
    await this.page.getByRole("heading", { level: 1, name: "Half-year report" }).waitFor();
  }
}

/// RFC 4180 rows: quoted fields may hold commas, quotes and line breaks.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
