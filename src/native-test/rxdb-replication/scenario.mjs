// Drives the server with RxDB's own replicateGraphQL plugin, configured as docs/replication.md shows:
// query builders only, plus the one-line response modifier that turns `resync` into RESYNC.
// Three devices: two of alice's and one of bob's (her friend), each an in-memory RxDB database with
// messages, posts and profiles replicated live. Every check prints one JSON line
// {"check": name, "ok": bool, "detail": ...}; ReplicationWithRxdbIT fails on any line that is not ok.
// Environment: GRAPHQL_URL (http://host:port/graphql), SIGNING_KEY (PEM path), ISSUER, RUN (a unique suffix).
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateGraphQL } from 'rxdb/plugins/replication-graphql';

const URL_HTTP = process.env.GRAPHQL_URL;
const URL_WS = URL_HTTP.replace(/^http/, 'ws');
const KEY = createPrivateKey(readFileSync(process.env.SIGNING_KEY));
const ISSUER = process.env.ISSUER;
const RUN = process.env.RUN ?? String(Date.now());

const alice = `alice-${RUN}`;
const bob = `bob-${RUN}`;
const carol = `carol-${RUN}`;

function token(subject) {
    const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const body = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iss: ISSUER, sub: subject, iat: now, exp: now + 3600 })}`;
    return `${body}.${sign('sha256', Buffer.from(body), KEY).toString('base64url')}`;
}

async function graphql(user, query, variables = {}) {
    const response = await fetch(URL_HTTP, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token(user)}` },
        body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) {
        throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
    }
    return body.data;
}

let failures = 0;
function check(name, ok, detail) {
    if (!ok) {
        failures++;
    }
    console.log(JSON.stringify({ check: name, ok: Boolean(ok), detail }));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until predicate() holds, checking every 25 ms; answers how long it took, or -1 after timeoutMs. */
async function eventually(predicate, timeoutMs) {
    const start = Date.now();
    while (Date.now() - start < timeoutMs) {
        if (await predicate()) {
            return Date.now() - start;
        }
        await sleep(25);
    }
    return -1;
}

// --- the collections, as an app would declare them -------------------------------------------------
const nullable = (type) => ({ type: [type, 'null'] });
const COLLECTIONS = {
    messages: {
        remote: 'Messages', rowType: 'MessagePushRow',
        fields: 'id messageId roomId senderId content createdAt isMine deleted',
        properties: { messageId: nullable('string'), roomId: nullable('string'), senderId: nullable('string'),
            content: nullable('string'), createdAt: nullable('string'), isMine: nullable('boolean') },
    },
    posts: {
        remote: 'Posts', rowType: 'PostPushRow',
        fields: 'id postId authorId content visibility createdAt updatedAt deleted',
        properties: { postId: nullable('string'), authorId: nullable('string'), content: nullable('string'),
            visibility: nullable('string'), createdAt: nullable('string'), updatedAt: nullable('string') },
    },
    profiles: {
        remote: 'Profiles', rowType: 'ProfilePushRow',
        fields: 'id userId displayName bio avatarUrl phoneNumber version updatedAt deleted',
        properties: { userId: nullable('string'), displayName: nullable('string'), bio: nullable('string'),
            avatarUrl: nullable('string'), phoneNumber: nullable('string'), version: nullable('integer'),
            updatedAt: nullable('string') },
    },
};

/** One device: an RxDB database replicating every collection live as `user`. */
async function device(name, user) {
    const db = await createRxDatabase({ name: `${name}-${RUN}`, storage: getRxStorageMemory(), multiInstance: false });
    const schemas = {};
    for (const [collection, spec] of Object.entries(COLLECTIONS)) {
        schemas[collection] = {
            schema: {
                version: 0, primaryKey: 'id', type: 'object',
                properties: { id: { type: 'string', maxLength: 200 }, ...spec.properties },
                required: ['id'],
            },
        };
    }
    await db.addCollections(schemas);
    const headers = { Authorization: `Bearer ${token(user)}` };
    const replications = {};
    const errors = [];
    for (const [collection, spec] of Object.entries(COLLECTIONS)) {
        const batch = `documents { ${spec.fields} } checkpoint { cursor } resync`;
        const state = replicateGraphQL({
            collection: db[collection],
            // one websocket client per URL per process: each device gets its own URL
            url: { http: `${URL_HTTP}?device=${name}`, ws: `${URL_WS}?device=${name}` },
            headers,
            deletedField: 'deleted',
            live: true,
            retryTime: 500,
            replicationIdentifier: `${name}-${collection}-${RUN}`,
            pull: {
                batchSize: 100,
                includeWsHeaders: true,
                queryBuilder: (checkpoint, limit) => ({
                    query: `query($checkpoint: CheckpointInput, $limit: Int!) { pull${spec.remote}(checkpoint: $checkpoint, limit: $limit) { ${batch} } }`,
                    variables: { checkpoint, limit },
                }),
                streamQueryBuilder: () => ({ query: `subscription { stream${spec.remote} { ${batch} } }`, variables: {} }),
                responseModifier: (response, origin) => (origin === 'stream' && response.resync ? 'RESYNC' : response),
            },
            push: {
                batchSize: 50,
                queryBuilder: (rows) => ({
                    query: `mutation($rows: [${spec.rowType}!]!) { push${spec.remote}(rows: $rows) { ${spec.fields} } }`,
                    variables: { rows },
                }),
            },
        });
        state.error$.subscribe((error) => errors.push(`${collection}: ${error.message ?? error}`));
        replications[collection] = state;
    }
    for (const state of Object.values(replications)) {
        await state.awaitInitialReplication();
    }
    return {
        name, user, db, replications, errors,
        async docs(collection) {
            return (await db[collection].find().exec()).map((doc) => doc.toJSON());
        },
        async pause() {
            for (const state of Object.values(replications)) {
                await state.pause();
            }
        },
        async resume() {
            for (const state of Object.values(replications)) {
                await state.start();
            }
        },
        async inSync() {
            for (const state of Object.values(replications)) {
                await state.awaitInSync();
            }
        },
        async close() {
            for (const state of Object.values(replications)) {
                await state.cancel();
            }
            await db.close();
        },
    };
}

/** What the server holds for `user` in one collection, by id: a fresh pull from no checkpoint. */
async function serverState(user, collection) {
    const spec = COLLECTIONS[collection];
    const held = new Map();
    let checkpoint = null;
    for (;;) {
        const data = await graphql(user, `query($checkpoint: CheckpointInput) { pull${spec.remote}(checkpoint: $checkpoint, limit: 500) { documents { ${spec.fields} } checkpoint { cursor } } }`,
            { checkpoint });
        const batch = data[`pull${spec.remote}`];
        for (const doc of batch.documents) {
            if (doc.deleted) {
                held.delete(doc.id);
            } else {
                held.set(doc.id, doc);
            }
        }
        checkpoint = batch.checkpoint ?? checkpoint;
        if (batch.documents.length < 500) {
            return held;
        }
    }
}

// RxDB keeps the deleted flag as _deleted (deletedField), so it is compared by presence alone.
const comparable = (doc) => JSON.stringify(Object.keys(doc).filter((k) => !k.startsWith('_') && k !== 'deleted').sort().map((k) => [k, doc[k]]));

// --- the scenario -----------------------------------------------------------------------------------
for (const user of [alice, bob, carol]) {
    await graphql(user, '{ me { userId } }');
}
await graphql(alice, 'mutation($u: ID!) { requestFriend(userId: $u) { status } }', { u: bob });
await graphql(bob, 'mutation($u: ID!) { respondFriend(userId: $u, accept: true) { status } }', { u: alice });
const room = `room-${RUN}`;
const carolsRoom = `carols-room-${RUN}`;
await graphql(alice, 'mutation($i: RoomInput!) { createRoom(input: $i) { roomId } }', { i: { roomId: room, title: 'ours', memberIds: [bob] } });
await graphql(carol, 'mutation($i: RoomInput!) { createRoom(input: $i) { roomId } }', { i: { roomId: carolsRoom, title: 'hers', memberIds: [] } });

const a1 = await device('a1', alice);
const a2 = await device('a2', alice);
const b1 = await device('b1', bob);

// 1. Offline writes, then resume: each arrives exactly once, in order, and live on the friend's device.
await a1.pause();
const sentAt = Date.now();
for (let i = 0; i < 5; i++) {
    await a1.db.messages.insert({ id: `${alice}/offline-${i}`, messageId: `offline-${i}`, roomId: room, senderId: alice,
        content: `offline ${i}`, createdAt: new Date(sentAt + i).toISOString(), isMine: true });
}
await a1.db.posts.insert({ id: `${alice}/p1`, postId: 'p1', authorId: alice, content: 'written offline', visibility: 'FRIENDS' });
await a1.resume();
await a1.inSync();
const arrived = await eventually(async () => (await b1.docs('messages')).filter((m) => m.roomId === room).length === 5
    && (await b1.docs('posts')).some((p) => p.id === `${alice}/p1`), 5000);
check('offline writes reach the friend live after resume', arrived >= 0, { ms: arrived });
const stored = (await graphql(bob, 'query($r: ID!) { messages(roomId: $r, first: 100) { edges { messageId } } }', { r: room }))
    .messages.edges.map((e) => e.messageId).reverse();
check('each offline message is stored exactly once, in order', JSON.stringify(stored) === JSON.stringify([0, 1, 2, 3, 4].map((i) => `offline-${i}`)), stored);

// 2. Two devices change different fields of the profile while offline: both changes are kept.
await a1.pause();
await a2.pause();
const mine = (d) => d.db.profiles.findOne(alice).exec();
await (await mine(a1)).incrementalPatch({ displayName: 'Alice from a1' });
await (await mine(a2)).incrementalPatch({ bio: 'bio from a2' });
await a1.resume();
await a1.inSync();
await a2.resume();
await a2.inSync();
const merged = await eventually(async () => {
    const [one, two] = [await mine(a1), await mine(a2)];
    return one?.displayName === 'Alice from a1' && one?.bio === 'bio from a2' && two?.displayName === 'Alice from a1' && two?.bio === 'bio from a2';
}, 5000);
const server = (await serverState(alice, 'profiles')).get(alice);
check('disjoint profile edits on two devices are both kept', merged >= 0 && server.displayName === 'Alice from a1' && server.bio === 'bio from a2',
    { ms: merged, server });

// 3. A refused row blocks nothing: a message into a room alice is not in, then a good one.
await a1.db.messages.insert({ id: `${alice}/intruder`, messageId: 'intruder', roomId: carolsRoom, senderId: alice, content: 'not my room', isMine: true });
await a1.db.messages.insert({ id: `${alice}/after`, messageId: 'after', roomId: room, senderId: alice, content: 'after the refused one', isMine: true });
await a1.inSync();
const after = await eventually(async () => (await b1.docs('messages')).some((m) => m.id === `${alice}/after`), 5000);
const intruderGone = await eventually(async () => (await a1.db.messages.findOne(`${alice}/intruder`).exec()) === null, 5000);
check('a refused row blocks nothing after it', after >= 0, { ms: after });
check('the refused row is answered with the server state (gone) and leaves the device', intruderGone >= 0, { ms: intruderGone });
check('no push error reached the client for the refused row', a1.errors.length === 0, a1.errors);

// 4. A removal from a room and an unfriending reach the device live, and it stays live.
await graphql(alice, 'mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }', { r: room, u: bob });
const removed = await eventually(async () => (await b1.docs('messages')).filter((m) => m.roomId === room).length === 0, 1000);
check('a removal from a room empties that room on the device within a second', removed >= 0, { ms: removed });
await graphql(alice, 'mutation($u: ID!) { removeFriend(userId: $u) }', { u: bob });
const unfriended = await eventually(async () => !(await b1.docs('posts')).some((p) => p.authorId === alice), 1000);
check("an unfriending removes the friend's posts from the device within a second", unfriended >= 0, { ms: unfriended });
const bobsVersion = (await graphql(bob, '{ me { version } }')).me.version;
await graphql(bob, 'mutation($v: Int!) { updateProfile(input: {displayName: "Bob, still live", expectedVersion: $v}) { version } }',
    { v: bobsVersion });
const live = await eventually(async () => (await b1.db.profiles.findOne(bob).exec())?.displayName === 'Bob, still live', 1000);
check('the device stays live after both', live >= 0, { ms: live });

// 5. A device back after pruning converges exactly.
await graphql(alice, 'mutation($u: ID!) { requestFriend(userId: $u) { status } }', { u: bob });
await graphql(bob, 'mutation($u: ID!) { respondFriend(userId: $u, accept: true) { status } }', { u: alice });
await eventually(async () => (await b1.docs('posts')).some((p) => p.id === `${alice}/p1`), 5000);
await b1.pause();
const p1 = await a1.db.posts.findOne(`${alice}/p1`).exec();
await p1.incrementalPatch({ content: 'edited once' });
await (await a1.db.posts.findOne(`${alice}/p1`).exec()).incrementalPatch({ content: 'edited twice' });
await a1.db.posts.insert({ id: `${alice}/p2`, postId: 'p2', authorId: alice, content: 'short-lived', visibility: 'FRIENDS' });
await a1.inSync();
await (await a1.db.posts.findOne(`${alice}/p2`).exec()).remove();
await a1.pause();
await a1.db.posts.insert({ id: `${alice}/p3`, postId: 'p3', authorId: alice, content: 'created and deleted offline', visibility: 'FRIENDS' });
await (await a1.db.posts.findOne(`${alice}/p3`).exec()).remove();
await a1.resume();
await a1.inSync();
await sleep(2500); // past the retention (1 s) and one pruning round (every second) of this server
await b1.resume();
await b1.inSync();
let differences = [];
const converged = await eventually(async () => {
    differences = [];
    for (const collection of Object.keys(COLLECTIONS)) {
        const expected = [...(await serverState(bob, collection)).values()].map(comparable);
        const actual = (await b1.docs(collection)).map(comparable);
        differences.push(...expected.filter((doc) => !actual.includes(doc)).map((doc) => `missing ${collection} ${doc}`));
        differences.push(...actual.filter((doc) => !expected.includes(doc)).map((doc) => `extra ${collection} ${doc}`));
    }
    return differences.length === 0;
}, 5000);
check('a device back after pruning converges exactly', converged >= 0, { ms: converged, differences });
const p3Stored = (await graphql(alice, '{ posts(authorId: "' + alice + '", first: 100) { edges { postId } } }')).posts.edges
    .some((e) => e.postId === 'p3');
check('a document created and deleted offline never lands on the server', !p3Stored, {});

for (const d of [a1, a2, b1]) {
    check(`no replication error on ${d.name}`, d.errors.length === 0, d.errors);
    await d.close();
}
console.log(JSON.stringify({ done: true, failures }));
process.exit(0);
