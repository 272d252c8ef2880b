// The native open and save dialogs, the only plugin the window may use (its capability grants
// dialog:allow-open and dialog:allow-save and nothing else). Pages ask here rather than the
// plugin, so tests can replace the dialogs in one place. Both resolve to null when cancelled.
import { open, save } from "@tauri-apps/plugin-dialog";
import type { ExportFormat } from "./api";

const FORM_EXPORTS = { name: "Form exports", extensions: ["csv", "xlsx"] };

const EXPORT_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  xlsx: { name: "Excel workbook", extensions: ["xlsx"] },
  csv: { name: "CSV file", extensions: ["csv"] },
};

/** The CSV or Excel export of a Microsoft or Google form to import, or null if cancelled. */
export async function chooseImportFile(): Promise<string | null> {
  const chosen = await open({ multiple: false, directory: false, filters: [FORM_EXPORTS] });
  // With `multiple: false` the plugin gives one path; the array case is only its wider type.
  return Array.isArray(chosen) ? (chosen[0] ?? null) : chosen;
}

/** Where to save an export of the register, or null if cancelled. */
export async function chooseExportPath(format: ExportFormat, name = "ideas"): Promise<string | null> {
  return save({ defaultPath: `${name}.${format}`, filters: [EXPORT_FILTERS[format]] });
}

/** Where to save a briefing pack, offering `fileName` (from the pack's preview), or null if cancelled. */
export async function choosePackPath(fileName: string): Promise<string | null> {
  return save({ defaultPath: fileName, filters: [{ name: "PDF document", extensions: ["pdf"] }] });
}

const EXCHANGE_FILES = { name: "Shortlist exchange files", extensions: ["shortlist"] };

/** One or more exchange files to read (bundles, returns, enrolments), or null if cancelled. */
export async function chooseExchangeFiles(multiple: boolean): Promise<string[] | null> {
  const chosen = await open({ multiple, directory: false, filters: [EXCHANGE_FILES] });
  if (chosen === null) return null;
  return Array.isArray(chosen) ? chosen : [chosen];
}

/** A folder to write bundles into, or null if cancelled. */
export async function chooseFolder(): Promise<string | null> {
  const chosen = await open({ multiple: false, directory: true });
  return Array.isArray(chosen) ? (chosen[0] ?? null) : chosen;
}

/** Where to save an exchange file (an enrolment, a return), offering `fileName`, or null if cancelled. */
export async function chooseExchangeSavePath(fileName: string): Promise<string | null> {
  return save({ defaultPath: fileName, filters: [EXCHANGE_FILES] });
}

/** Where to save the participation report: a PDF or a CSV, offering `fileName`, or null if cancelled. */
export async function chooseReportPath(fileName: string): Promise<string | null> {
  return save({
    defaultPath: fileName,
    filters: [
      { name: "PDF document", extensions: ["pdf"] },
      { name: "CSV file", extensions: ["csv"] },
    ],
  });
}
