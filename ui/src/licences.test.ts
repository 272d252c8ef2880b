// @vitest-environment jsdom
// Settings → About's licences: the generated lists name what ships (scripts/licences.sh --check,
// run by scripts/test.sh, makes sure they are current), and the component shows them.
import { mount, unmount } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { seriousViolations, settle, text } from "./testing";
import { sources, type LicenceList } from "./licences";
import rust from "./licences/rust.json";
import npm from "./licences/npm.json";
import fonts from "./licences/fonts.json";
import native from "./licences/native.json";
import uiPackage from "../package.json";
import lockfile from "../package-lock.json";
import AboutLicences from "./components/AboutLicences.svelte";

/** A file of the repository outside ui/ (which Vite will not serve), read with Node's fs. The
 * specifier is a variable because the type check of src/ has no Node types. */
async function repositoryFile(path: string): Promise<string> {
  const specifier = "node:fs";
  const fs: { readFileSync(file: URL, encoding: "utf8"): string } = await import(/* @vite-ignore */ specifier);
  const here = import.meta.url; // not `new URL(…, import.meta.url)`, which Vite takes for an asset
  return fs.readFileSync(new URL(`../../${path}`, here), "utf8");
}

/** "name version" → name (scoped npm names start with "@"). */
const names = (list: LicenceList) => new Set(list.licences.flatMap((l) => l.packages.map((p) => p.split(" ")[0])));

describe("the licence lists", () => {
  it("are grouped by licence, sorted, and count what they name", () => {
    for (const list of [rust, npm, native, fonts] as LicenceList[]) {
      const packages = new Set(list.licences.flatMap((l) => l.packages));
      expect(list.count).toBe(packages.size);
      for (const licence of list.licences) {
        expect(licence.id).not.toBe("");
        expect(licence.text.length).toBeGreaterThan(100);
        expect(licence.packages).toEqual([...licence.packages].sort());
        for (const p of licence.packages) expect(p).toMatch(/^\S.* \d\S*$/);
      }
    }
  });

  it("name every npm package the UI ships, at the version the lockfile installs", () => {
    const shipped = names(npm);
    // svelte is a devDependency, but its runtime is compiled into the bundle.
    for (const name of [...Object.keys(uiPackage.dependencies), "svelte"]) expect(shipped).toContain(name);
    const locked = lockfile.packages as Record<string, { version?: string }>;
    for (const p of npm.licences.flatMap((l) => l.packages)) {
      const [name, version] = p.split(" ");
      expect(`${name} ${locked[`node_modules/${name}`]?.version}`).toBe(`${name} ${version}`);
    }
  });

  it("name the crates at the heart of the app", () => {
    const crates = names(rust);
    for (const name of ["tauri", "rusqlite", "printpdf"]) expect(crates).toContain(name);
    // Our own crates are not third-party software.
    expect([...crates].filter((name) => name.startsWith("shortlist"))).toEqual([]);
    expect(rust.generatedBy).toMatch(/^cargo-about \d/);
  });

  it("name the C libraries compiled in, at the versions Cargo.lock builds", async () => {
    // OpenSSL and SQLCipher come in through build dependencies (rusqlite's bundled SQLCipher with
    // vendored OpenSSL), which cargo-about does not list: native.json names them by hand.
    const cargoLock = await repositoryFile("Cargo.lock");
    const locked = (name: string) => new RegExp(`name = "${name}"\nversion = "([^"]+)"`).exec(cargoLock)?.[1];
    const packages = native.licences.flatMap((l) => l.packages);
    // openssl-src's version is "300.6.1+3.6.3": the part after "+" is OpenSSL's own.
    expect(packages).toContain(`OpenSSL ${locked("openssl-src")?.split("+")[1]}`);
    expect(locked("libsqlite3-sys")).toBe("0.38.2"); // bundles SQLCipher 4.14.0 on SQLite 3.51.3
    expect(packages).toEqual(expect.arrayContaining(["SQLCipher 4.14.0", "SQLite 3.51.3"]));
    expect(native.licences.find((l) => l.id === "Apache-2.0")?.text).toContain("Apache License");
    expect(native.licences.find((l) => l.id === "BSD-3-Clause")?.text).toContain("Zetetic LLC");
  });

  it("have the font's licence with its copyright notices, as shipped beside the font files", async () => {
    const fontCopyright = await repositoryFile("crates/shortlist-pdf/fonts/COPYRIGHT");
    const fontReadme = await repositoryFile("crates/shortlist-pdf/fonts/README.md");
    expect(fonts.licences).toHaveLength(1);
    const [font] = fonts.licences;
    expect(font.id).toBe("OFL-1.1");
    const version = /Liberation Sans (\d+\.\d+\.\d+)/.exec(fontReadme)?.[1];
    expect(font.packages).toEqual([`Liberation Sans ${version}`]);
    for (const notice of [
      "Copyright (c) 2012 Red Hat, Inc. with Reserved Font Name Liberation.",
      "Digitized data copyright (c) 2010 Google Corporation with Reserved Font Arimo, Tinos and Cousine.",
      "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007",
    ]) {
      expect(fontCopyright).toContain(notice);
      expect(font.text).toContain(notice);
    }
    // The licence's last words, so that a cut-short text shows.
    expect(font.text.endsWith("DEALINGS IN THE FONT SOFTWARE.")).toBe(true);
  });
});

describe("AboutLicences", () => {
  let component: ReturnType<typeof mount> | null = null;

  beforeEach(() => {
    document.documentElement.lang = "en-GB";
    document.head.innerHTML = "<title>Settings</title>";
    document.body.innerHTML = '<main id="app"><h1>Settings</h1><h2>About Shortlist</h2></main>';
  });

  afterEach(() => {
    if (component) unmount(component);
    component = null;
  });

  it("loads the lists on demand and shows one details per licence", async () => {
    component = mount(AboutLicences, { target: document.getElementById("app")! });
    await vi.waitFor(() => expect(document.querySelector(".app-licence")).not.toBeNull(), { timeout: 5000 });
    await settle();

    expect(text("#licences-summary")).toBe(
      `Shortlist is built from ${rust.count} open-source Rust crates, ${npm.count} npm packages, 3 C libraries and one font family, under these licences.`,
    );
    const headings = [...document.querySelectorAll("h4")].map((h) => h.textContent?.trim());
    expect(headings).toEqual(sources.map((s) => s.title));

    // One details per licence id in each list.
    const ids = (list: LicenceList) => new Set(list.licences.map((l) => l.id)).size;
    expect(document.querySelectorAll("details.app-licence")).toHaveLength(ids(rust) + ids(npm) + ids(native) + ids(fonts));
    // A pre per distinct text, focusable so that a keyboard can scroll it.
    const texts = [...document.querySelectorAll<HTMLPreElement>("pre.app-licence-text")];
    expect(texts).toHaveLength(rust.licences.length + npm.licences.length + native.licences.length + fonts.licences.length);
    expect(texts.every((pre) => pre.tabIndex === 0)).toBe(true);

    const font = document.querySelector('details[data-licence="OFL-1.1"]')!;
    expect(font.querySelector("summary")?.textContent?.trim()).toBe("SIL Open Font License 1.1: one font family");
    expect(font.querySelector(".app-licence-packages")?.textContent?.trim()).toBe("Used by Liberation Sans 2.1.5");
    expect(font.querySelector("pre")?.textContent).toBe(fonts.licences[0].text);

    const mit = [...document.querySelectorAll('details[data-licence="MIT"]')];
    expect(mit[0].querySelector("summary")?.textContent).toMatch(/^\s*MIT License: \d+ crates\s*$/);
    expect(mit[0].textContent).toContain("tauri ");

    expect(await seriousViolations()).toEqual([]);
  });
});
