<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>CaptureFormat</name>
    <message>
        <source>the output refused the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the capture is not open for reading</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureRecorder</name>
    <message>
        <source>Cannot record to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording to %1 stopped: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <source>%1:%2: %3 (skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write standard output: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are the same file: convert into another one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCompare</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read standard input: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot spool %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no stream to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: %3 (skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write standard output: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in ms; quantiles from histograms accurate to 6.25%. Per read: events and bytes (median) that arrived in one network read; a burst = reads within 2 ms of each other; period = median time from one burst to the next; lat = from send times in the events; delay = behind the fastest route for the same event (by id, else data); response = request to response headers.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <source>Write events here (default: standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output format: jsonl (default), csv or sse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be jsonl, csv or sse, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record comments (heartbeats) too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print a live per-stream table on standard error every INTERVAL seconds (--stats or --stats=INTERVAL, default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after N events in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after S seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two routes, NAME_A,NAME_B: the same event (by id, else data) on both; the delay of B after A (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve Prometheus/OpenMetrics statistics on HOST:PORT (path /metrics), a loopback address unless --metrics-public.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let --metrics listen on an address other hosts can reach (it shows stream names and URLs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pair takes two different stream names, NAME_A,NAME_B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pair %1: name both streams, as given by NAME=URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give at least one stream URL (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe to Server-Sent Events streams, record them and show live statistics.

  ssescope-cli [options] URL|NAME=URL ...
  ssescope-cli stats CAPTURE            statistics of a saved capture
  ssescope-cli compare NAME=URL ...     routes side by side: streaming, buffered or
  ssescope-cli compare CAPTURE          stalled (see ssescope-cli compare --help)
  ssescope-cli convert IN OUT           convert between jsonl, csv and sse captures
                                        (&quot;-&quot; is standard input or output, JSON Lines)

Standard input takes commands: &quot;restart&quot; reconnects every stream (sending
Last-Event-ID), &quot;quit&quot; exits. The end of standard input is not a command.

Exit codes: 0 every stream ended normally or was stopped (limits, a signal,
quit); 1 a stream failed (any status but 200, 204 included; a wrong content
type; gave up after errors); 2 usage error; 3 input or output error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot;: use jsonl, csv or sse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot tell the format of &quot;%1&quot;: name it .jsonl, .csv or .sse, or pass --format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream URLs, each optionally NAME=URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture format: jsonl, csv or sse (default: from the file name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input format (default: from the file name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output format (default: from the file name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stats takes one capture file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convert takes an input and an output file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot tell a capture format from the file names: use .jsonl, .csv or .sse, or --from and --to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live: watch the routes for S seconds, then report (default 10, more than 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the figures as CSV to FILE; &quot;-&quot;: on standard output, instead of the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture format: jsonl, csv or sse (default: from the file name; &quot;-&quot; is standard input, JSON Lines).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare routes to the same events side by side (say, direct and through
a proxy), and say of each whether it is streaming, buffered or stalled.

  ssescope-cli compare [options] NAME=URL|URL ...   live, for --duration seconds
  ssescope-cli compare [--format F] CAPTURE          a saved capture, each stream a route

Standard output: one line per route, in the order given (a capture&apos;s: in the
order its streams first appear), &quot;NAME: VERDICT: explanation&quot;, where VERDICT
is streaming, buffered, stalled or inconclusive; then a blank line and a
table of figures (times in ms). With --csv -, the figures as CSV instead.

Exit codes: 0 the comparison ran, whatever the verdicts; 2 usage error;
3 the capture cannot be read (or has corrupt records), or an output cannot
be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 applies to live routes, not to a capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format applies to a capture, not to live routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live routes, each URL or NAME=URL; or one capture file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compare takes routes (NAME=URL ...) or one capture file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number of events from 0 to %2, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number of attempts from 0 to %2, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number of milliseconds from 0 to %2, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number of seconds from 0 to %2, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number of seconds above 0, up to %2, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs an interval from 0.01 to %2 seconds, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number of milliseconds, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request header &quot;Name: value&quot; (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP method (default GET; POST with a body).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the request body from a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial Last-Event-ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnection policy: strict or resilient (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--policy must be strict or resilient, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial reconnection delay in ms (default 3000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up after N failed attempts in a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect when no bytes arrive for S seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for response headers (default 15).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not verify TLS certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept compressed responses (proxies may then hold events back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send time in events: json:/POINTER, regex:PATTERN, id, auto (a time field found in the first events) or none (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit of numeric send times: auto (default), s, ms, us, ns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--latency-unit must be auto, s, ms, us or ns, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the sender&apos;s clock runs ahead of ours, in ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stream that ends stays ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header &quot;%1&quot; must look like &quot;Name: value&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--last-event-id holds a line break or NUL, which no header can carry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read --data-file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try ssescope-cli --help.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliOutput</name>
    <message>
        <source>the output accepted nothing in time (is its reader stopped?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliSession</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;: use restart or quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvCodec</name>
    <message>
        <source>expected %1 columns, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;received&quot; is not an RFC 3339 time between %1 and %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;latency_ms&quot; is not a number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no CSV header in the first %1 bytes: this is not a capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: a record of over %2 bytes (a quote never closed?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quoted cell is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header is not %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CurlCommand</name>
    <message>
        <source>A single quote is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A $&apos;…&apos; quote is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A double quote is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one URL: %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body comes from the file %1: paste its content into Body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The option %1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignored a header without a colon: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignored the option %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The curl command has no URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a curl command: it should start with &quot;curl&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardApp</name>
    <message>
        <source>--compare needs two or more streams in the capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare needs two or more streams on the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardOptions</name>
    <message>
        <source>usage: ssescope [--demo] [--workspace FILE] [--open CAPTURE] [--max-events N]
                [--max-memory MIB] [--latency SPEC] [--compressed] [--compare]
                [URL | NAME=URL] ...
--latency reads each URL&apos;s send time from json:/POINTER, regex:PATTERN, id, auto
(the default: a time field found in the first events) or none.
With no arguments SSE Scope starts its demo server on loopback and shows its streams.
--compare opens the comparison view on the streams given (two or more), or on the
streams of the capture given with --open.
--compressed lets every URL given accept compressed responses.
To record without a window, use ssescope-cli.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number from 1 to %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardSession</name>
    <message>
        <source>%1 is not a capture: use .jsonl, .csv or .sse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a regular file, so it cannot be a capture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoServerMain</name>
    <message>
        <source>Demo and test Server-Sent Events server (loopback by default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port to listen on; 0 picks a free one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to bind to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve https with this PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s PEM private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--bind needs an IP address, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the certificate or the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate or key is not usable PEM, or TLS is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving SSE on %1 (GET / lists the streams)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoServerThread</name>
    <message>
        <source>this Qt has no TLS support</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Connection refused by %1: is the server running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; was not found (DNS lookup failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to %1 timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2. Check the certificate, or allow insecure TLS for this stream if you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network is unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy failed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many redirects from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused a redirect from https to plain http.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a protocol SSE Scope can speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 broke the HTTP protocol: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error talking to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1%2; an event stream needs 200 OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered 204 No Content, which tells clients to stop reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no Content-Type; an event stream must be text/event-stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent Content-Type &quot;%1&quot;, not text/event-stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Compression was asked for: a proxy that compresses may hold the whole response back until its buffers fill; try without compression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response within %1 s; trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no complete response headers within %1 s (the headers timeout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent more than %1 KiB of response headers without ending them; the connection was cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data, not even a heartbeat, for %1 s: the stream looks stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended the stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cut the connection in the middle of the response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a compressed body (Content-Encoding: %1) though none was asked for; it cannot be read as events. Turn compression on for this stream to have it decompressed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decompression failed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it expands far beyond its compressed size, like a decompression bomb, or is corrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s compressed response could not be decompressed: %1. Turn compression off for this stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> A 305 Use Proxy is never followed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The redirect has no Location to follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> It is not a redirect that can be followed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused a redirect to &quot;%1&quot;: &quot;%2:&quot; is not a protocol an event stream can use (only http and https).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server redirected to &quot;%1&quot;, which is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many redirects from %1 (more than %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused a redirect from https to plain http (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirected (HTTP %1) to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Not sending %1 to this other origin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A line of more than %1 MiB exceeded the line size limit; its event was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An event of more than %1 MiB exceeded the event size limit and was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gave up after %1 failed attempts. Last error: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventFilter</name>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportFile</name>
    <message>
        <source>%1 is not a regular file (a folder, a device or a FIFO), so it was not replaced; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonPointer</name>
    <message>
        <source>A JSON Pointer starts with &quot;/&quot;, as in /ts or /meta/sent_at.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonlCodec</name>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must not be negative: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;received&quot; is not an RFC 3339 time between %1 and %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;kind&quot; must be &quot;event&quot; or &quot;comment&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;latency_ms&quot; must be a number or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON (%1 at column %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line of %1 bytes, over the limit of %2: left out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LatencyConfig</name>
    <message>
        <source>Invalid regular expression &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency source must be none, auto, json, regex or id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time unit must be auto, s, ms, us or ns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency source &quot;%1&quot; must be json:POINTER, regex:PATTERN, id, auto or none.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsServer</name>
    <message>
        <source>--metrics needs HOST:PORT, such as 127.0.0.1:9464</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--metrics %1 would serve stream names and URLs beyond this machine: use a loopback address such as 127.0.0.1:%2, or add --metrics-public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RawSseCodec</name>
    <message>
        <source>the export left a record out here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line of %1 bytes is over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an event of %1 bytes is over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad %1 in the ssescope comment: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RouteVerdict</name>
    <message>
        <source>median latency %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level with the fastest route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 behind the fastest route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response headers after %1, waiting for the first event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the response (%1 so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response headers after %1, then no event in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no response headers after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; compression was asked for, and a compressing proxy can hold the whole response back until its buffers fill (try without compression)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; a buffering proxy sends nothing, not even its headers, until its first buffer is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; a proxy may be buffering the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; not matched with the other routes (only the first %1 routes are), so no delay behind the fastest route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only 1 event so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 events so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bursts of ~%1 every ~%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a burst of ~%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events arrive in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (reads of ~%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; no send times to measure the delay, so a bursty source would look the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; no send times and no second route to measure the delay, so a bursty source would look the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the response headers came %1 after the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>come</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 from the source: the fastest route sees them at the same time, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 from the source (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 event per read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events per read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, but %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StreamState</name>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubscriptionConfig</name>
    <message>
        <source>Each header must be a [name, value] pair of strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each secret header must be a header name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnection policy must be &quot;strict&quot; or &quot;resilient&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No URL was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL is not valid: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no scheme: begin it with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only http:// and https:// URLs can carry Server-Sent Events, not &quot;%1:&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: it names no host (%2://HOST/PATH).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid header name: it holds a line break or NUL character, which HTTP headers cannot carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of header &quot;%1&quot; contains a line break or NUL character, which HTTP headers cannot carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid HTTP method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid header name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attempt limit cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event size limit must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reconnection time must be from 0 to %1 ms (about 24.8 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backoff cap must be from 0 to %1 ms (about 24.8 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connect timeout must be from 0 to %1 ms (about 24.8 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The headers timeout must be from 0 to %1 ms (about 24.8 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The idle timeout must be from 0 to %1 ms (about 24.8 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The headers timeout must be at least 1 ms: the time to response headers is always bounded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The read buffer size cannot be negative (0 means unbounded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redirect limit cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reconnection backoff cap must be at least %1 ms, so that a dead host is not retried in a busy loop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope</name>
    <message>
        <source>%1 is a folder: choose a file name in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no program is reading from this pipe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::CaptureLoader</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a capture in this format: no record could be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n event(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corrupt record(s) skipped; the first is on line %1: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ssescope::ExportJob</name>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) had been dropped by the memory cap before the export began.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ssescope::Subscription</name>
    <message>
        <source>Paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving events.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::Workspace</name>
    <message>
        <source>Not a workspace file: %1 at byte %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an SSE Scope workspace (no &quot;ssescopeWorkspace&quot; version).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace was saved by a newer SSE Scope (format %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace holds %1 streams; SSE Scope opens at most %2 at once. Split it into smaller workspaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream %1 of the workspace is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be a workspace.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::ComparisonCharts</name>
    <message>
        <source>Cumulative events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events received so far by each route against time: a staircase for a buffered route, a smooth line for a streaming one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrivals (one tick per network read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One lane per route, a tick for each network read, taller for more events in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of events by latency from send time (or delay behind the fastest route), log scale, with p50, p90, p99 and max per route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per network read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events carried by each network read against time, log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay behind the fastest route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For events matched across routes, how long after the fastest route each route delivered them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes per network read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median, 90th percentile and largest network read of each route, in bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency quantiles per route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds since start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events per read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delay (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (delay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency distribution (delay behind the fastest where no send time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delay (s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::ComparisonView</name>
    <message>
        <source>Export &amp;image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdicts per route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole view as a PNG image (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the verdicts and figures as CSV (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not comparing: the comparison was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not live: figures as of the last event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading what was captured: %1 events to go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 events matched across routes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 routes are matched with each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 captured events left the store (its cap) before they were compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be encoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::EventDetailPane</name>
    <message>
        <source>&amp;Copy data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;SSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event data, raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event data, formatted JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event data views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the event data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the event as text/event-stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole event data to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event #%1 was dropped by the memory cap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1&lt;/b&gt; · %2 · type &lt;b&gt;%3&lt;/b&gt; · id &lt;b&gt;%4&lt;/b&gt; · %5 · %6 bytes on the wire · chunk %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · latency %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[The first %L1 bytes of %L2; Save event… or Copy data has all of them.]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[The first %L1 bytes of the formatted JSON.]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Event Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event-%1.txt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event #%1 was dropped by the memory cap; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the event to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::EventFilterBar</name>
    <message>
        <source>Re&amp;gex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Aa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by event type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the data (Ctrl+F)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat filter text as a regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All streams</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::EventTableModel</name>
    <message>
        <source>(dropped by the memory cap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) of data; the detail pane shows all of it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The pattern is too slow: stopped after %Ln row(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ssescope::ui::EventsPanel</name>
    <message>
        <source>&amp;Follow new events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;reeze table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured events, newest at the bottom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest events in view while the table is at the bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop adding rows to the table; capture goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 matching</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::ExportDialog</name>
    <message numerus="yes">
        <source>&amp;Everything captured (%n event(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The current &amp;filter (%n event(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The &amp;selected rows (%n event(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw text/event-stream (.sse)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the current filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captures (*.jsonl *.csv *.sse);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::HeadersEditor</name>
    <message>
        <source>Add &amp;header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never sent to another origin when the server redirects (Authorization and Cookie never are)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a request header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected request header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::LiveChartsPanel</name>
    <message>
        <source>Events per second (%1 s average)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (each dot an event)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes per second (%1 s average)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per second chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes per second chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each point is the average over the %1 s before it (over the stream&apos;s age while it is younger), the same as the streams panel&apos;s Events/s. Line styles tell streams with equal values apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each dot is one event&apos;s send-time latency. Use the log scale to see millisecond streams beside slow ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency on a logarithmic axis. On by itself while latencies span more than two decades, until you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pause charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the charts; capture goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset chart zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to zoom · click a point to find its event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streams in the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Top %1 of %Ln streams by rate; the rest as one line.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Only the streams the table&apos;s Stream filter shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GiB/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::MainWindow</name>
    <message>
        <source>Streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSE Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streams panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening capture… %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add stream…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe to a stream: URL, method, headers, body, auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart a&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;cord to disk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream every event to a JSON Lines file as it arrives, with no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear captured events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save capture as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save wor&amp;kspace as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the selected streams side by side: buffered or streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;passwords in saved workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save URL passwords and Authorization, Cookie and secret headers in workspaces (written owner-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SSE Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per second, all streams, averaged over the last %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory in use against the cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events dropped by the cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 events held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 dropped by the cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Recording %L1 events to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 captured events have not been saved. Save them before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SSE Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;SSE Scope %1&lt;/h3&gt;&lt;p&gt;A live dashboard for Server-Sent Events streams: many streams, spec-exact parsing, rates, latency and the bursts that proxy buffering causes.&lt;/p&gt;&lt;p&gt;Headless recording: &lt;code&gt;ssescope-cli&lt;/code&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribed to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening a capture replaces the %L1 captured events that have not been saved. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live streams are paused while you look at it; Resume all captures again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened workspace %1: %n stream(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s) were saved without their passwords or secret headers and connect without them; edit them to add them again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Opening workspace… %L1 of %L2 streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %L1 events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file ending in .jsonl, .csv or .sse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording every event to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear captured events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard %L1 captured events that have not been saved?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose two or more streams to compare.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::RecentFiles</name>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::StreamListModel</name>
    <message>
        <source>epoch seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch microseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch nanoseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number or an RFC 3339 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regex %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (bursts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events/s, averaged over the last %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrives in bursts: about %1 events per network read, with silences of up to %2 s between them (a buffering proxy looks like this).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No latency: no send time is read from this stream&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency from %1 (%2), as configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first group or (?&lt;ts&gt;...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Auto-detect: looking for a send-time field in the first %n events.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Latency from %1 (%2), found automatically in the first events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No latency: auto-detect found no single send-time field near the current time in the first %n events. Edit the stream (F2) to choose a source.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>TLS certificate errors are ignored for this stream: anyone between you and the server can read and change its events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused while the capture %1 is open. Resume all captures live again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, but nothing received for %1 s (no events, no heartbeats).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Next attempt in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per second averaged over the last %1 s (over %2 s for a stream whose bursts come more than %3 s apart). &quot;(bursts)&quot; marks a stream that arrives many events per network read with silences between, as behind a buffering proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per network read over the last 10 s. A buffering proxy delivers many events per read, in bursts; an unbuffered route about one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send-time latency over the last minute (see Latency from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the send time is read from: a configured source, one found automatically (auto), or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnection attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 60 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ev/read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream %1 of the capture %2: its figures are those of the capture, as of its last event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from %1; figures as of its last event.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::StreamPickerDialog</name>
    <message>
        <source>Compare streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check two or more streams to compare side by side:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streams to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the checked streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::StreamsPanel</name>
    <message>
        <source>Resume live streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per stream: state, events per second, totals, latency and reconnections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duplicate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live streams paused for the opened capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the live streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live streams are paused while the capture %1 is open, so their events do not mix into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add stream…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::SubscribeDialog</name>
    <message>
        <source>Stream name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial Last-Event-ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnection policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial reconnection delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect &amp;when the stream ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect when the stream ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept &amp;compression (gzip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ignore TLS certificate errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore TLS certificate errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send time unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on the pasted curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the form cannot be accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe to a stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;quest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection &amp;&amp; latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://api.example.com/events — or paste a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown in tables and charts (defaults to the URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent with POST, e.g. {&quot;prompt&quot;:&quot;hi&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resilient: also retry 5xx, 408 and 429 with backoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strict: exactly what browsers do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression lets proxies hold events back until a block fills.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The server&apos;s identity is not checked: anyone on the path can read and change this stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON field (JSON Pointer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/ts  or  ts=(\d+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>microseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nanoseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste cURL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the form from a curl command on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a request copied with a browser&apos;s &quot;Copy as cURL&quot; (bash or cmd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last-Event-ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;nnect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;dle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La&amp;tency from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted text is %L1 characters long, more than the URL field holds (%L2). Paste a curl command, or a shorter URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the stream&apos;s URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL needs a scheme: http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid HTTP method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header name &quot;%1&quot; is not valid: use letters, digits and -.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the bearer token, or choose no authentication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Basic user name cannot contain a colon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the latency expression: a JSON Pointer such as /ts, or a regular expression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency is measured when events carry their send time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview tests the source against the stream&apos;s last event once it has one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ No send time found in the last event: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Last event sent at %1, latency %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Auto-detect reads the send time from a field named %1 (or one level down, such as /meta/ts) holding a time within a day of now, found in the first %n events.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>✗ Auto-detect finds more than one send time in the last event and picks none: choose one with a JSON Pointer. &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Auto-detect finds no send time in the last event: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-detect would read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Auto-detect would read %1 (%2): last event sent at %3, latency %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFC 3339 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the curl command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled from the curl command.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssescope::ui::VerdictTableModel</name>
    <message>
        <source>Mean events per network read: about 1 when streaming, tens when a buffer fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median time between network reads that carried events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the send time carried in the events to their arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind the fastest compared route, for events matched across routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ev/read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burst period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay p99</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
