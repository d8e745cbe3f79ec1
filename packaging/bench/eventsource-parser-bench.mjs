// Node's eventsource-parser over fetch(): counts events, prints "EVENTS <n> BYTES <n>".
import { createParser } from 'eventsource-parser';

const url = process.argv[2];
let events = 0;
let bytes = 0;
const parser = createParser({ onEvent() { events++; } });
const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
const decoder = new TextDecoder();
for await (const chunk of response.body) {
    bytes += chunk.length;
    parser.feed(decoder.decode(chunk, { stream: true }));
}
console.log(`EVENTS ${events} BYTES ${bytes}`);
