// Writes the three benchmark corpora as text/event-stream files:
//   bench_corpus DIR   ->  DIR/small.sse  (1,000,000 small JSON events with send times)
//                          DIR/large.sse  (2,000 events of 32 KiB)
//                          DIR/tokens.sse (300,000 CRLF token events with comments)
#include <QByteArray>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_corpus DIR\n");
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(dir);
    const qint64 baseMs = 1764081234567;

    QByteArray small;
    small.reserve(80'000'000);
    for (int i = 1; i <= 1'000'000; ++i)
        small += "id: " + QByteArray::number(i) + "\ndata: {\"seq\":" + QByteArray::number(i)
            + ",\"ts\":" + QByteArray::number(baseMs + i / 1000) + ".125,\"price\":101.25}\n\n";

    QByteArray payload(32 * 1024, 'x');
    for (qsizetype i = 0; i < payload.size(); i += 61)
        payload[i] = char('a' + i % 26);
    QByteArray large;
    large.reserve(2000 * (payload.size() + 64));
    for (int i = 1; i <= 2000; ++i)
        large += "id: " + QByteArray::number(i) + "\ndata: {\"ts\":"
            + QByteArray::number(baseMs + i) + ",\"p\":\"" + payload + "\"}\n\n";

    static const char *words[]
        = { "The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog" };
    QByteArray tokens;
    for (int i = 1; i <= 300'000; ++i) {
        if (i % 10 == 0)
            tokens += ": keep-alive\r\n";
        tokens += "event: token\r\nid: " + QByteArray::number(i) + "\r\ndata: {\"t\":\""
            + words[i % 9] + "\",\"ts\":" + QByteArray::number(baseMs + i / 100) + "}\r\n\r\n";
    }
    if (!writeFile(dir + QStringLiteral("/small.sse"), small)
        || !writeFile(dir + QStringLiteral("/large.sse"), large)
        || !writeFile(dir + QStringLiteral("/tokens.sse"), tokens)) {
        std::fprintf(stderr, "bench_corpus: cannot write into %s\n", argv[1]);
        return 1;
    }
    return 0;
}
