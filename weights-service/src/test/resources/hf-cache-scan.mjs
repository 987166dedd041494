// Reads a storage location with the official @huggingface/hub cache scanner.
// argv: <path to @huggingface/hub dist/index.mjs> <cache dir>. Prints the scan as JSON.
import { pathToFileURL } from "node:url";

const [, , hubModule, cacheDir] = process.argv;
const { scanCacheDir } = await import(pathToFileURL(hubModule).href);
const info = await scanCacheDir(cacheDir);
const repos = info.repos.map((r) => ({
  repoId: r.id.name,
  type: r.id.type,
  size: r.size,
  files: r.filesCount,
  revisions: r.revisions.map((v) => ({
    commit: v.commitOid,
    refs: v.refs,
    files: v.files.map((f) => ({ path: f.path, blob: f.blob.path, size: f.blob.size })),
  })),
}));
console.log(JSON.stringify({ repos, warnings: info.warnings.map((w) => String(w)) }));
