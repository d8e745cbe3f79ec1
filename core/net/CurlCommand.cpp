#include "CurlCommand.h"

#include "core/common/QuotedInput.h"
#include "core/net/ProxyChoice.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

// tr() in the translation context "CurlCommand", for the free functions here.
struct CurlText final
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)
};

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
                *error = CurlText::tr("A single quote is not closed.");
                return std::nullopt;
            }
            word += QStringView(command).mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
            continue;
        }
        if (c == u'$' && i + 1 < n && command.at(i + 1) == u'\'') {
            const auto escape = [&command, &word](qsizetype &j) {
                word += ansiCEscape(command, ++j);
            };
            if (!readQuoted(command, i + 2, u'\'', escape, word, i)) {
                *error = CurlText::tr("A $'…' quote is not closed.");
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
                *error = CurlText::tr("A double quote is not closed.");
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
        *error = CurlText::tr("A double quote is not closed.");
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

namespace {

bool isCurlProgram(const QString &word)
{
    return word == u"curl" || word == u"curl.exe" || word.endsWith(u"/curl");
}

// Options whose value becomes a header of its own, by their one-letter name.
const char *headerOfOption(QChar option)
{
    switch (option.unicode()) {
    case 'u':
        return "Authorization";
    case 'b':
        return "Cookie";
    case 'A':
        return "User-Agent";
    case 'e':
        return "Referer";
    default:
        return nullptr;
    }
}

// Long spellings of the one-letter options that take a value.
QChar shortNameOf(const QString &arg)
{
    static const QList<QPair<QString, QChar>> longNames {
        { u"--request"_s, u'X' },
        { u"--header"_s, u'H' },
        { u"--user"_s, u'u' },
        { u"--cookie"_s, u'b' },
        { u"--user-agent"_s, u'A' },
        { u"--referer"_s, u'e' },
        { u"--proxy"_s, u'x' },
    };
    if (arg.size() == 2 && arg.startsWith(u'-') && arg.at(1) != u'-')
        return arg.at(1);
    for (const auto &[name, letter] : longNames) {
        if (arg == name)
            return letter;
    }
    return {};
}

bool isDataOption(const QString &arg)
{
    return arg == u"-d" || arg == u"--data" || arg == u"--data-raw" || arg == u"--data-binary"
        || arg == u"--data-ascii" || arg == u"--data-urlencode";
}

// Options with a value that a stream monitor has no use for.
bool isIgnoredWithValue(const QString &arg)
{
    return arg == u"-o" || arg == u"--output" || arg == u"-m" || arg == u"--max-time"
        || arg == u"--connect-timeout" || arg == u"-w" || arg == u"--write-out";
}

// Options that take the next argument as their value.
bool takesValue(const QString &arg, QChar shortName)
{
    return QStringView(u"XHubeAx").contains(shortName) || isDataOption(arg) || arg == u"--json"
        || arg == u"--url" || arg == u"--noproxy" || isIgnoredWithValue(arg);
}

// Reads curl's arguments (after the program) into a request, one at a time.
class CurlArgumentReader final
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)
public:
    explicit CurlArgumentReader(const QStringList &args)
        : m_args(args)
    { }

    // False with error set: an option without its value, or two URLs.
    bool read(QString *error);
    // The request with its URL; nothing, with error set, when it has none usable.
    std::optional<CurlRequest> finish(QString *error);

private:
    bool readArgument(const QString &arg);
    void readAttached(QChar option, const QString &value);
    void readFlagCluster(const QString &arg);
    bool readWithValue(const QString &arg, QChar shortName);
    bool takeValue(const QString &option, QString *value);
    void addHeaderLine(const QString &line);
    void appendBody(const QString &data);
    void ignore(const QString &option);

    const QStringList &m_args;
    qsizetype m_at = 1;
    CurlRequest m_request;
    QString m_url;
    QString m_error;
    bool m_getWithData = false;
    bool m_noProxyAll = false; // --noproxy '*'
};

bool CurlArgumentReader::read(QString *error)
{
    for (; m_at < m_args.size(); ++m_at) {
        if (!readArgument(m_args.at(m_at))) {
            *error = m_error;
            return false;
        }
    }
    return true;
}

bool CurlArgumentReader::readArgument(const QString &arg)
{
    // Short options may carry their value attached (-XPOST, -H'a: b').
    if (arg.size() > 2 && arg.startsWith(u'-') && !arg.startsWith(u"--")) {
        if (QStringView(u"XHdubeAx").contains(arg.at(1)))
            readAttached(arg.at(1), arg.mid(2));
        else
            readFlagCluster(arg);
        return true;
    }
    const QChar shortName = shortNameOf(arg);
    if (takesValue(arg, shortName))
        return readWithValue(arg, shortName);
    if (arg == u"--compressed") {
        m_request.compressed = true;
    } else if (arg == u"-k" || arg == u"--insecure") {
        m_request.insecure = true;
    } else if (arg == u"-G" || arg == u"--get") {
        m_getWithData = true;
    } else if (arg.startsWith(u'-') && arg.size() > 1) {
        // --compressed-ssh, --http2, -N, --location and the like change
        // nothing a stream monitor needs.
        ignore(arg);
    } else if (m_url.isEmpty()) {
        m_url = arg;
    } else {
        m_error = tr("More than one URL: %1 and %2.").arg(m_url, arg);
        return false;
    }
    return true;
}

void CurlArgumentReader::readAttached(QChar option, const QString &value)
{
    if (option == u'X')
        m_request.method = value.toLatin1();
    else if (option == u'H')
        addHeaderLine(value);
    else if (option == u'd')
        appendBody(value);
    else if (option == u'x')
        m_request.proxy = value;
    else if (option == u'u')
        m_request.headers.append(
            HttpHeader(headerOfOption(option), "Basic " + value.toUtf8().toBase64()));
    else
        m_request.headers.append(HttpHeader(headerOfOption(option), value.toUtf8()));
}

// A cluster of flags such as -sSN: only flags we can ignore or honour.
void CurlArgumentReader::readFlagCluster(const QString &arg)
{
    bool allFlags = true;
    for (QChar flag : QStringView(arg).mid(1)) {
        if (flag == u'k')
            m_request.insecure = true;
        else if (flag == u'G')
            m_getWithData = true;
        else if (!QStringView(u"sSNLivfg#").contains(flag))
            allFlags = false;
    }
    if (!allFlags)
        ignore(arg);
}

bool CurlArgumentReader::readWithValue(const QString &arg, QChar shortName)
{
    QString value;
    if (!takeValue(arg, &value))
        return false;
    if (isDataOption(arg)) {
        if (value.startsWith(u'@') && arg != u"--data-raw")
            m_request.notes.append(
                tr("The body comes from the file %1: paste its content into Body.")
                    .arg(value.mid(1)));
        else
            appendBody(value);
    } else if (arg == u"--json") {
        appendBody(value);
        m_request.headers.append(HttpHeader("Content-Type", "application/json"));
    } else if (arg == u"--url") {
        m_url = value;
    } else if (arg == u"--noproxy") {
        // Only "every host" has a per-subscription equivalent. It wins over
        // -x in either order, as in curl: applied in finish().
        if (value.trimmed() == u"*")
            m_noProxyAll = true;
        else
            m_request.notes.append(
                tr("Ignored --noproxy %1: set no_proxy in the environment instead.").arg(value));
    } else if (isIgnoredWithValue(arg)) {
        ignore(arg);
    } else {
        readAttached(shortName, value);
    }
    return true;
}

bool CurlArgumentReader::takeValue(const QString &option, QString *value)
{
    if (m_at + 1 >= m_args.size()) {
        m_error = tr("The option %1 needs a value.").arg(option);
        return false;
    }
    *value = m_args.at(++m_at);
    return true;
}

void CurlArgumentReader::addHeaderLine(const QString &line)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0) {
        m_request.notes.append(tr("Ignored a header without a colon: %1").arg(line));
        return;
    }
    m_request.headers.append(
        { line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8() });
}

void CurlArgumentReader::appendBody(const QString &data)
{
    if (!m_request.body.isEmpty())
        m_request.body += '&'; // as curl joins several -d
    m_request.body += data.toUtf8();
}

void CurlArgumentReader::ignore(const QString &option)
{
    m_request.notes.append(tr("Ignored the option %1.").arg(option));
}

std::optional<CurlRequest> CurlArgumentReader::finish(QString *error)
{
    if (m_url.isEmpty()) {
        *error = tr("The curl command has no URL.");
        return std::nullopt;
    }
    m_request.url = QUrl(m_url, QUrl::StrictMode);
    if (!m_request.url.isValid() || m_request.url.host().isEmpty()) {
        *error = tr("\"%1\" is not a valid URL.").arg(quotedInput(ProxyChoice::redacted(m_url)));
        return std::nullopt;
    }
    if (m_noProxyAll)
        m_request.proxy = u"none"_s;
    // -G: the data goes into the query, as curl sends it.
    if (m_getWithData && !m_request.body.isEmpty()) {
        QString query = m_request.url.query();
        query += (query.isEmpty() ? QString() : u"&"_s) + QString::fromUtf8(m_request.body);
        m_request.url.setQuery(query);
        m_request.body.clear();
    }
    if (m_request.method.isEmpty())
        m_request.method = m_request.body.isEmpty() ? "GET" : "POST";
    return m_request;
}

} // namespace

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
    if (words->isEmpty() || !isCurlProgram(words->first())) {
        *error = CurlText::tr("This is not a curl command: it should start with \"curl\".");
        return std::nullopt;
    }
    CurlArgumentReader reader(*words);
    if (!reader.read(error))
        return std::nullopt;
    return reader.finish(error);
}

} // namespace ssescope
