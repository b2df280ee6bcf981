// Drives attnflow with ActivityWatch's own JavaScript client (aw-client on
// npm), unchanged. Usage: node test.mjs http://127.0.0.1:PORT
import { AWClient } from "aw-client";
import assert from "node:assert/strict";

const baseURL = process.argv[2];
const client = new AWClient("aw-client-js-test", { baseURL, testing: true });
const bucket = "aw-watcher-test_jsclient";
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check("getInfo", async () => {
  const info = await client.getInfo();
  assert.equal(info.testing, true);
  assert.ok(info.hostname);
});
check("ensureBucket creates, then reports it exists (304)", async () => {
  assert.deepEqual(await client.ensureBucket(bucket, "currentwindow", "jshost"), { alreadyExist: false });
  assert.deepEqual(await client.ensureBucket(bucket, "currentwindow", "jshost"), { alreadyExist: true });
  const buckets = await client.getBuckets();
  assert.equal(buckets[bucket].type, "currentwindow");
  assert.ok(buckets[bucket].created instanceof Date);
  const info = await client.getBucketInfo(bucket);
  assert.equal(info.hostname, "jshost");
});
check("heartbeats merge as the watchers expect", async () => {
  const t = new Date("2026-03-01T10:00:00Z");
  for (let i = 0; i < 5; i++) {
    await client.heartbeat(bucket, 5, { timestamp: new Date(t.getTime() + i * 2000), duration: 0, data: { app: "code", title: "main.go" } });
  }
  await client.heartbeat(bucket, 5, { timestamp: new Date(t.getTime() + 9000), duration: 0, data: { app: "firefox", title: "docs" } });
  const events = await client.getEvents(bucket);
  assert.equal(events.length, 2);
  assert.equal(events[0].data.app, "firefox");
  assert.equal(events[1].duration, 8);
  assert.ok(events[1].timestamp instanceof Date);
});
check("insert, range, limit, count, get, replace, delete", async () => {
  const t = new Date("2026-03-02T10:00:00Z");
  await client.insertEvents(bucket, [
    { timestamp: t, duration: 60, data: { app: "a" } },
    { timestamp: new Date(t.getTime() + 120000), duration: 60, data: { app: "b" } },
  ]);
  const ranged = await client.getEvents(bucket, { start: t, end: new Date(t.getTime() + 90000) });
  assert.equal(ranged.length, 1);
  assert.equal(ranged[0].data.app, "a");
  assert.equal((await client.getEvents(bucket, { limit: 1 })).length, 1);
  assert.equal(await client.countEvents(bucket), 4);
  const id = ranged[0].id;
  const one = await client.getEvent(bucket, id);
  assert.equal(one.data.app, "a");
  await client.replaceEvent(bucket, { id, timestamp: t, duration: 30, data: { app: "a2" } });
  assert.equal((await client.getEvent(bucket, id)).data.app, "a2");
  await client.deleteEvent(bucket, id);
  assert.equal(await client.countEvents(bucket), 3);
});
check("settings", async () => {
  await client.set_setting("startOfDay", "04:00");
  assert.equal(await client.get_setting("startOfDay"), "04:00");
  const all = await client.get_settings();
  assert.equal(all.startOfDay, "04:00");
});
check("query", async () => {
  const res = await client.query(
    ["2026-03-01T00:00:00Z/2026-03-03T00:00:00Z"],
    [`events = query_bucket("${bucket}");`, `RETURN = sum_durations(events);`],
  );
  assert.equal(res.length, 1);
  assert.equal(res[0], 8 + 0 + 60); // code 8 s, firefox 0 s, b 60 s (a was deleted)
});
check("deleteBucket", async () => {
  await client.deleteBucket(bucket);
  const buckets = await client.getBuckets();
  assert.equal(buckets[bucket], undefined);
});

let passed = 0, failed = 0;
for (const [name, fn] of checks) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err && err.stack ? err.stack : err}`);
  }
}
console.log(`aw-client-js: ${passed} checks ok, ${failed} failed`);
process.exit(failed ? 1 : 0);
