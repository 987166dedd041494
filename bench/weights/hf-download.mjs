// Downloads a whole repository with the official @huggingface/hub client (snapshotDownload).
// argv: <path to @huggingface/hub dist/index.mjs> <hub url> <repo> <cache dir>
import { pathToFileURL } from "node:url";

const [, , hubModule, hubUrl, repo, cacheDir] = process.argv;
const { snapshotDownload } = await import(pathToFileURL(hubModule).href);
const path = await snapshotDownload({ repo, hubUrl, cacheDir });
console.log(path);
