// Writes the licence lists the About section of Settings shows (src/licences/*.json), grouped by
// licence text and sorted, so the same inputs always give the same bytes. Run by
// scripts/licences.sh, which also checks that the committed files are current.
//
//   node scripts/licences.mjs npm OUT.json
//     The npm packages in the UI bundle, as Vite's own `build.license` finds them: every package
//     a module of the bundle comes from (Svelte's runtime included). The UI's `dependencies`
//     that reach the bundle only through the Sass (GOV.UK and MOJ Frontend compile into the CSS,
//     which Vite's list does not cover) are added from their package.json and licence file.
//     The build runs in memory (`write: false`): ui/dist is left alone.
//
//   node scripts/licences.mjs rust OUT.json "cargo-about X.Y.Z" ABOUT.json...
//     The crates of the shipped binaries, from `cargo about generate --format json` run once per
//     binary: merged, grouped by licence text.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ui = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Licence texts of packages that ship without a licence file, from their source repositories.
const MISSING_TEXTS = {
  // https://github.com/ministryofjustice/moj-frontend/blob/main/LICENSE (the npm package leaves it out)
  "@ministryofjustice/frontend": `MIT License

Copyright (c) 2019 Ministry of Justice

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`,
  // https://github.com/alphagov/govuk-frontend/blob/main/LICENSE.txt (the npm package leaves it out)
  "govuk-frontend": `The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`,
};

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** One group per (licence id, text): the crates or packages under it, sorted. */
function grouped(entries) {
  const groups = new Map();
  for (const { id, name, text, package: pkg } of entries) {
    const key = JSON.stringify([id, text]);
    if (!groups.has(key)) groups.set(key, { id, name, text, packages: new Set() });
    groups.get(key).packages.add(pkg);
  }
  const licences = [...groups.values()].map((g) => ({ ...g, packages: [...g.packages].sort(byText) }));
  // Most used licence first; ties by id, then by first package, so the order never depends on
  // the order the tools happened to report in.
  licences.sort(
    (a, b) =>
      b.packages.length - a.packages.length ||
      byText(a.id, b.id) ||
      byText(a.packages[0], b.packages[0]) ||
      byText(a.text, b.text),
  );
  return licences;
}

function write(out, tool, licences) {
  const count = new Set(licences.flatMap((l) => l.packages)).size;
  const json = JSON.stringify({ generatedBy: tool, count, licences }, null, 1) + "\n";
  fs.writeFileSync(out, json);
}

/** Normalises a licence text: Unix line ends, no trailing spaces, no blank lines at either end. */
const tidy = (text) =>
  text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+|\n+$/g, "");

async function npm(out) {
  const { build, version } = await import("vite");
  const result = await build({
    root: ui,
    configFile: path.join(ui, "vite.config.ts"),
    logLevel: "error",
    build: { write: false, license: { fileName: "licences.json" } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const asset = outputs.find((o) => o.type === "asset" && o.fileName === "licences.json");
  if (!asset) throw new Error("Vite's build.license emitted no licences.json");
  const bundled = JSON.parse(String(asset.source));

  // Dependencies that ship through the stylesheet only.
  const manifest = JSON.parse(fs.readFileSync(path.join(ui, "package.json"), "utf8"));
  const found = new Set(bundled.map((p) => p.name));
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (found.has(name)) continue;
    const dir = path.join(ui, "node_modules", name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const file = fs.readdirSync(dir).find((f) => /^(licen[sc]e|copying)/i.test(f));
    bundled.push({
      name: pkg.name,
      version: pkg.version,
      identifier: pkg.license,
      text: file ? fs.readFileSync(path.join(dir, file), "utf8") : undefined,
    });
  }

  const entries = bundled.map((p) => {
    if (!p.identifier) throw new Error(`${p.name} ${p.version} names no licence in its package.json`);
    const text = p.text ?? MISSING_TEXTS[p.name];
    if (!text) throw new Error(`${p.name} ${p.version} ships no licence file: add its text to MISSING_TEXTS`);
    return { id: p.identifier, name: p.identifier, text: tidy(text), package: `${p.name} ${p.version}` };
  });
  write(out, `vite ${version} (build.license)`, grouped(entries));
}

function rust(out, tool, inputs) {
  const entries = [];
  for (const input of inputs) {
    const about = JSON.parse(fs.readFileSync(input, "utf8"));
    for (const licence of about.licenses) {
      for (const user of licence.used_by) {
        entries.push({
          id: licence.id,
          name: licence.name,
          text: tidy(licence.text),
          package: `${user.crate.name} ${user.crate.version}`,
        });
      }
    }
  }
  write(out, tool, grouped(entries));
}

const [what, out, ...rest] = process.argv.slice(2);
if (what === "npm" && out && rest.length === 0) await npm(out);
else if (what === "rust" && out && rest.length > 1) rust(out, rest[0], rest.slice(1));
else {
  console.error('usage: node scripts/licences.mjs npm OUT.json | rust OUT.json "cargo-about X.Y.Z" ABOUT.json...');
  process.exit(2);
}
