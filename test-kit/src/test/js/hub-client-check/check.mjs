// Drives the official @huggingface/hub client against the fake hub of test-kit.
// Input (environment): HF_ENDPOINT (hub base URL), CHECK_REPO (public repo to verify),
// CHECK_GATED_REPO and CHECK_GATED_TOKEN (optional: a gated repo and a token accepted for it).
// Output: one "OK <check> ..." line per passed check, "ALL OK" at the end; exit code 1 on failure.
import { createHash } from "node:crypto";
import {
  countCommits,
  downloadFile,
  fileDownloadInfo,
  listCommits,
  listFiles,
  listModels,
  modelInfo,
} from "@huggingface/hub";

const hubUrl = required("HF_ENDPOINT");
const repo = required("CHECK_REPO");
const gatedRepo = process.env.CHECK_GATED_REPO;
const gatedToken = process.env.CHECK_GATED_TOKEN;

function required(name) {
  const value = process.env[name];
  if (!value) {
    fail(`environment variable ${name} is not set`);
  }
  return value;
}

function fail(message) {
  console.log(`FAIL ${message}`);
  process.exit(1);
}

function expect(condition, message) {
  if (!condition) {
    fail(message);
  }
}

async function bytesOf(blob) {
  return Buffer.from(await blob.arrayBuffer());
}

function gitBlobSha1(bytes) {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

async function checkListFiles() {
  const files = [];
  for await (const entry of listFiles({ repo, hubUrl, recursive: true })) {
    files.push(entry);
  }
  expect(files.length > 0, "listFiles returned nothing");
  console.log(`OK listFiles ${files.length} entries: ${files.map((f) => f.path).join(",")}`);
  return files.filter((f) => f.type === "file");
}

async function checkDownloads(files) {
  for (const file of files) {
    const blob = await downloadFile({ repo, path: file.path, hubUrl });
    expect(blob !== null, `downloadFile(${file.path}) returned null`);
    const bytes = await bytesOf(blob);
    expect(bytes.length === file.size, `${file.path}: ${bytes.length} bytes, tree says ${file.size}`);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (file.lfs) {
      expect(sha256 === file.lfs.oid, `${file.path}: sha256 ${sha256} != lfs.oid ${file.lfs.oid}`);
    } else {
      const oid = gitBlobSha1(bytes);
      expect(oid === file.oid, `${file.path}: git sha1 ${oid} != oid ${file.oid}`);
    }
    console.log(`OK downloadFile ${file.path} ${bytes.length} ${sha256}${file.lfs ? " lfs" : ""}`);
  }
}

async function checkMissingFile() {
  const info = await fileDownloadInfo({ repo, path: "does-not-exist.bin", hubUrl });
  expect(info === null, "fileDownloadInfo of a missing file should be null (404 EntryNotFound)");
  console.log("OK fileDownloadInfo missing file is null");
}

async function checkModelInfo() {
  const info = await modelInfo({ name: repo, hubUrl, additionalFields: ["sha", "safetensors", "config", "tags"] });
  expect(info.name === repo, `modelInfo name ${info.name}`);
  expect(/^[0-9a-f]{24}$/.test(info.id), `modelInfo id ${info.id}`);
  expect(!Number.isNaN(info.updatedAt.getTime()), "modelInfo updatedAt is not a date");
  console.log(
    `OK modelInfo ${JSON.stringify({
      name: info.name,
      sha: info.sha,
      task: info.task,
      gated: info.gated,
      private: info.private,
      downloads: info.downloads,
      likes: info.likes,
      total: info.safetensors?.total,
      model_type: info.config?.model_type,
    })}`,
  );
}

async function checkListModels() {
  const owner = repo.split("/")[0];
  const names = [];
  for await (const model of listModels({ search: { owner }, hubUrl, limit: 50 })) {
    names.push(model.name);
  }
  expect(names.includes(repo), `listModels(owner=${owner}) misses ${repo}: ${names}`);
  console.log(`OK listModels ${names.join(",")}`);
}

async function checkGated() {
  if (!gatedRepo) {
    return;
  }
  try {
    await fileDownloadInfo({ repo: gatedRepo, path: "config.json", hubUrl });
    fail("gated download without a token succeeded");
  } catch (error) {
    expect(error.statusCode === 403, `gated without token: status ${error.statusCode}`);
    console.log(`OK gated refused ${error.statusCode}`);
  }
  const blob = await downloadFile({ repo: gatedRepo, path: "config.json", hubUrl, accessToken: gatedToken });
  const text = (await bytesOf(blob)).toString("utf8");
  expect(JSON.parse(text).model_type !== undefined, "gated config.json has no model_type");
  console.log(`OK gated download with token ${text.length} bytes`);
}

async function checkCommits() {
  const commits = [];
  // Pages of 2 make the client follow the Link headers of the commit list.
  for await (const commit of listCommits({ repo, hubUrl, batchSize: 2 })) {
    commits.push(commit);
  }
  const total = await countCommits({ repo, hubUrl });
  expect(total === commits.length, `countCommits ${total} but listCommits gave ${commits.length}`);
  for (const c of commits) {
    expect(/^[0-9a-f]{40}$/.test(c.oid), `commit id ${c.oid}`);
    expect(c.authors.length > 0 && c.authors[0].username, `authors of ${c.oid}`);
    expect(!Number.isNaN(c.date.getTime()), `date of ${c.oid}`);
  }
  const titles = commits.map((c) => c.title).join("|");
  console.log(`OK listCommits ${commits.length} ${commits[0].oid} ${titles}`);
}

try {
  const files = await checkListFiles();
  await checkDownloads(files);
  await checkMissingFile();
  await checkModelInfo();
  await checkListModels();
  await checkGated();
  await checkCommits();
  console.log("ALL OK");
} catch (error) {
  fail(`${error.name}: ${error.message}`);
}
