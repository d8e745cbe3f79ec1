#include "CurlCommand.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CurlCommand", text);
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// $'...' escapes, as bash documents them (the common subset).
QString ansiCEscape(QStringView text, qsizetype &i)
{
    const QChar c = text.at(i);
    switch (c.unicode()) {
    case 'n':
        return u"\n"_s;
    case 'r':
        return u"\r"_s;
    case 't':
        return u"\t"_s;
    case '0':
        return QString(QChar(0));
    case 'e':
    case 'E':
        return QString(QChar(0x1b));
    case 'x': {
        qsizetype end = i + 1;
        while (end < text.size() && end < i + 3 && isxdigit(text.at(end).toLatin1()))
            ++end;
        const QString hex = text.mid(i + 1, end - i - 1).toString();
        i = end - 1;
        return hex.isEmpty() ? u"\\x"_s : QString(QChar(hex.toUShort(nullptr, 16)));
    }
    case 'u': {
        qsizetype end = i + 1;
        while (end < text.size() && end < i + 5 && isxdigit(text.at(end).toLatin1()))
            ++end;
        const QString hex = text.mid(i + 1, end - i - 1).toString();
        i = end - 1;
        return hex.isEmpty() ? u"\\u"_s : QString(QChar(hex.toUShort(nullptr, 16)));
    }
    default:
        return QString(c); // \\, \', \" and anything else: the character itself
    }
}

// Appends a quoted run from `from` up to the closing quote to word, handing
// each backslash (at position j, not the last character) to escape. On
// success end is the closing quote's position.
template<typename Escape>
bool readQuoted(const QString &command, qsizetype from, QChar quote, const Escape &escape,
    QString &word, qsizetype &end)
{
    const qsizetype n = command.size();
    for (qsizetype j = from; j < n; ++j) {
        const QChar d = command.at(j);
        if (d == u'\\' && j + 1 < n) {
            escape(j);
        } else if (d == quote) {
            end = j;
            return true;
        } else {
            word += d;
        }
    }
    return false;
}

} // namespace

std::optional<QStringList> splitBashWords(const QString &command, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    const qsizetype n = command.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = command.at(i);
        if (c == u'\\') {
            if (i + 1 < n && (command.at(i + 1) == u'\n' || command.at(i + 1) == u'\r')) {
                // Line continuation (CRLF too).
                ++i;
                if (command.at(i) == u'\r' && i + 1 < n && command.at(i + 1) == u'\n')
                    ++i;
                continue;
            }
            if (i + 1 < n) {
                word += command.at(++i);
                inWord = true;
            }
            continue;
        }
        if (c == u'\'') {
            const qsizetype end = command.indexOf(u'\'', i + 1);
            if (end < 0) {
                *error = tr("A single quote is not closed.");
                return std::nullopt;
            }
            word += QStringView(command).mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
            continue;
        }
        if (c == u'$' && i + 1 < n && command.at(i + 1) == u'\'') {
            const auto escape = [&command, &word](qsizetype &j) { word += ansiCEscape(command, ++j); };
            if (!readQuoted(command, i + 2, u'\'', escape, word, i)) {
                *error = tr("A $'…' quote is not closed.");
                return std::nullopt;
            }
            inWord = true;
            continue;
        }
        if (c == u'"') {
            // Inside double quotes a backslash escapes only " \ $ ` and a newline.
            const auto escape = [&command, &word](qsizetype &j) {
                const QChar next = command.at(j + 1);
                if (next == u'"' || next == u'\\' || next == u'$' || next == u'`')
                    word += command.at(++j);
                else if (next == u'\n')
                    ++j;
                else
                    word += command.at(j);
            };
            if (!readQuoted(command, i + 1, u'"', escape, word, i)) {
                *error = tr("A double quote is not closed.");
                return std::nullopt;
            }
            inWord = true;
            continue;
        }
        if (isSpace(c)) {
            if (inWord) {
                words.append(word);
                word.clear();
                inWord = false;
            }
            continue;
        }
        word += c;
        inWord = true;
    }
    if (inWord)
        words.append(word);
    return words;
}

std::optional<QStringList> splitCmdWords(const QString &command, QString *error)
{
    // cmd.exe first: ^ escapes the next character, and ^ at a line's end
    // continues the line. What remains is split the way the C runtime splits
    // a Windows command line: "..." quotes, \" is a literal quote.
    QString unescaped;
    const qsizetype n = command.size();
    QList<bool> literalQuote; // quotes that came from \" are not delimiters
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = command.at(i);
        if (c == u'^' && i + 1 < n) {
            const QChar next = command.at(i + 1);
            if (next == u'\n' || next == u'\r') {
                ++i;
                if (next == u'\r' && i + 1 < n && command.at(i + 1) == u'\n')
                    ++i;
                continue;
            }
            unescaped += next;
            ++i;
            continue;
        }
        unescaped += c;
    }
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    const qsizetype m = unescaped.size();
    for (qsizetype i = 0; i < m; ++i) {
        const QChar c = unescaped.at(i);
        if (c == u'\\') {
            qsizetype slashes = 0;
            while (i < m && unescaped.at(i) == u'\\') {
                ++slashes;
                ++i;
            }
            if (i < m && unescaped.at(i) == u'"') {
                word += QString(slashes / 2, u'\\');
                if (slashes % 2 == 1) {
                    word += u'"';
                } else {
                    quoted = !quoted;
                }
            } else {
                word += QString(slashes, u'\\');
                --i;
            }
            inWord = true;
            continue;
        }
        if (c == u'"') {
            quoted = !quoted;
            inWord = true;
            continue;
        }
        if (!quoted && isSpace(c)) {
            if (inWord) {
                words.append(word);
                word.clear();
                inWord = false;
            }
            continue;
        }
        word += c;
        inWord = true;
    }
    if (quoted) {
        *error = tr("A double quote is not closed.");
        return std::nullopt;
    }
    if (inWord)
        words.append(word);
    return words;
}

bool looksLikeCmdQuoting(const QString &command)
{
    return command.contains(u"^\""_s) || command.contains(u"^\n"_s) || command.contains(u"^\r\n"_s);
}

std::optional<CurlRequest> parseCurlCommand(const QString &command, QString *error)
{
    QString reason;
    const QString trimmed = command.trimmed();
    const auto words = looksLikeCmdQuoting(trimmed) ? splitCmdWords(trimmed, &reason)
                                                    : splitBashWords(trimmed, &reason);
    if (!words) {
        *error = reason;
        return std::nullopt;
    }
    if (words->isEmpty()
        || !(words->first() == u"curl" || words->first() == u"curl.exe"
            || words->first().endsWith(u"/curl"))) {
        *error = tr("This is not a curl command: it should start with \"curl\".");
        return std::nullopt;
    }
    CurlRequest request;
    QString url;
    bool getWithData = false;
    const auto addHeader = [&request](const QString &line) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            return false;
        const QByteArray name = line.left(colon).trimmed().toUtf8();
        const QByteArray value = line.mid(colon + 1).trimmed().toUtf8();
        request.headers.append({ name, value });
        return true;
    };
    const auto appendBody = [&request](const QString &data) {
        if (!request.body.isEmpty())
            request.body += '&'; // as curl joins several -d
        request.body += data.toUtf8();
    };
    const QStringList &args = *words;
    for (qsizetype i = 1; i < args.size(); ++i) {
        QString arg = args.at(i);
        QString value;
        const auto takeValue = [&](const QString &option) -> bool {
            if (i + 1 >= args.size()) {
                reason = tr("The option %1 needs a value.").arg(option);
                return false;
            }
            value = args.at(++i);
            return true;
        };
        // Short options may carry their value attached (-XPOST, -H'a: b').
        if (arg.size() > 2 && arg.startsWith(u'-') && !arg.startsWith(u"--")) {
            const QChar option = arg.at(1);
            if (QStringView(u"XHdubeA").contains(option)) {
                const QString attached = arg.mid(2);
                arg = u"-"_s + option;
                if (arg == u"-X")
                    request.method = attached.toLatin1();
                else if (arg == u"-H" && !addHeader(attached))
                    request.notes.append(tr("Ignored a header without a colon: %1").arg(attached));
                else if (arg == u"-d")
                    appendBody(attached);
                else if (arg == u"-u")
                    request.headers.append(HttpHeader(QByteArray("Authorization"),
                        "Basic " + attached.toUtf8().toBase64()));
                else if (arg == u"-b")
                    request.headers.append(HttpHeader(QByteArray("Cookie"), attached.toUtf8()));
                else if (arg == u"-A")
                    request.headers.append(HttpHeader(QByteArray("User-Agent"), attached.toUtf8()));
                else if (arg == u"-e")
                    request.headers.append(HttpHeader(QByteArray("Referer"), attached.toUtf8()));
                continue;
            }
            // A cluster of flags such as -sSN: only flags we can ignore or honour.
            bool allFlags = true;
            for (QChar flag : QStringView(arg).mid(1)) {
                if (flag == u'k')
                    request.insecure = true;
                else if (flag == u'G')
                    getWithData = true;
                else if (!QStringView(u"sSNLivfg#").contains(flag))
                    allFlags = false;
            }
            if (!allFlags)
                request.notes.append(tr("Ignored the option %1.").arg(arg));
            continue;
        }
        if (arg == u"-X" || arg == u"--request") {
            if (!takeValue(arg))
                break;
            request.method = value.toLatin1();
        } else if (arg == u"-H" || arg == u"--header") {
            if (!takeValue(arg))
                break;
            if (!addHeader(value))
                request.notes.append(tr("Ignored a header without a colon: %1").arg(value));
        } else if (arg == u"-d" || arg == u"--data" || arg == u"--data-raw"
            || arg == u"--data-binary" || arg == u"--data-ascii" || arg == u"--data-urlencode") {
            if (!takeValue(arg))
                break;
            if (value.startsWith(u'@') && arg != u"--data-raw")
                request.notes.append(
                    tr("The body comes from the file %1: paste its content into Body.")
                        .arg(value.mid(1)));
            else
                appendBody(value);
        } else if (arg == u"--json") {
            if (!takeValue(arg))
                break;
            appendBody(value);
            request.headers.append(HttpHeader(QByteArray("Content-Type"), QByteArray("application/json")));
        } else if (arg == u"-u" || arg == u"--user") {
            if (!takeValue(arg))
                break;
            request.headers.append(HttpHeader(QByteArray("Authorization"), "Basic " + value.toUtf8().toBase64()));
        } else if (arg == u"-b" || arg == u"--cookie") {
            if (!takeValue(arg))
                break;
            request.headers.append(HttpHeader(QByteArray("Cookie"), value.toUtf8()));
        } else if (arg == u"-A" || arg == u"--user-agent") {
            if (!takeValue(arg))
                break;
            request.headers.append(HttpHeader(QByteArray("User-Agent"), value.toUtf8()));
        } else if (arg == u"-e" || arg == u"--referer") {
            if (!takeValue(arg))
                break;
            request.headers.append(HttpHeader(QByteArray("Referer"), value.toUtf8()));
        } else if (arg == u"--url") {
            if (!takeValue(arg))
                break;
            url = value;
        } else if (arg == u"--compressed") {
            request.compressed = true;
        } else if (arg == u"-k" || arg == u"--insecure") {
            request.insecure = true;
        } else if (arg == u"-G" || arg == u"--get") {
            getWithData = true;
        } else if (arg == u"-o" || arg == u"--output" || arg == u"-m" || arg == u"--max-time"
            || arg == u"--connect-timeout" || arg == u"-w" || arg == u"--write-out") {
            if (!takeValue(arg))
                break;
            request.notes.append(tr("Ignored the option %1.").arg(arg));
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            // --compressed-ssh, --http2, -N, --location and the like change
            // nothing a stream monitor needs.
            request.notes.append(tr("Ignored the option %1.").arg(arg));
        } else if (url.isEmpty()) {
            url = arg;
        } else {
            reason = tr("More than one URL: %1 and %2.").arg(url, arg);
            break;
        }
    }
    if (!reason.isEmpty()) {
        *error = reason;
        return std::nullopt;
    }
    if (url.isEmpty()) {
        *error = tr("The curl command has no URL.");
        return std::nullopt;
    }
    request.url = QUrl(url, QUrl::StrictMode);
    if (!request.url.isValid() || request.url.host().isEmpty()) {
        *error = tr("\"%1\" is not a valid URL.").arg(url);
        return std::nullopt;
    }
    if (getWithData && !request.body.isEmpty()) {
        QString query = request.url.query();
        query += (query.isEmpty() ? QString() : u"&"_s) + QString::fromUtf8(request.body);
        request.url.setQuery(query);
        request.body.clear();
    }
    if (request.method.isEmpty())
        request.method = request.body.isEmpty() ? "GET" : "POST";
    return request;
}

} // namespace ssescope
