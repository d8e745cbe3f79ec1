#include "JsonPointer.h"

#include <QCoreApplication>
#include <QString>

using namespace Qt::StringLiterals;

namespace ssescope {

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    { }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool atEnd() const { return m_p >= m_end; }
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    bool consume(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    // Reads a string (the opening quote is next) as the raw text between the
    // quotes, without copying; *escaped says whether it needs unescape().
    bool readRawString(QByteArrayView *raw, bool *escaped)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        *escaped = false;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\') {
                *escaped = true;
                m_p += 2;
                continue;
            }
            ++m_p;
        }
        if (m_p >= m_end)
            return false;
        *raw = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }

    // Reads a string (the opening quote is next); unescapes into out if given.
    bool readString(QByteArray *out)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        bool escaped = false;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\') {
                escaped = true;
                m_p += 2;
                continue;
            }
            ++m_p;
        }
        if (m_p >= m_end)
            return false;
        if (out) {
            if (!escaped)
                *out = QByteArray(start, m_p - start);
            else
                *out = unescape(QByteArrayView(start, m_p - start));
        }
        ++m_p;
        return true;
    }

    bool skipValue(int depth = 0)
    {
        if (depth > 64)
            return false;
        skipSpace();
        const char c = peek();
        if (c == '"')
            return readString(nullptr);
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_p;
            if (consume(close))
                return true;
            do {
                if (c == '{') {
                    if (!readString(nullptr) || !consume(':'))
                        return false;
                }
                if (!skipValue(depth + 1))
                    return false;
            } while (consume(','));
            return consume(close);
        }
        const char *start = m_p;
        while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' '
            && *m_p != '\n' && *m_p != '\r' && *m_p != '\t')
            ++m_p;
        return m_p > start;
    }

    // A scalar as readScalar(), an object or array as its text.
    std::optional<QByteArray> readValue()
    {
        skipSpace();
        if (peek() != '{' && peek() != '[')
            return readScalar();
        const char *start = m_p;
        if (!skipValue())
            return std::nullopt;
        return QByteArray(start, m_p - start);
    }

    std::optional<QByteArray> readScalar()
    {
        skipSpace();
        if (peek() == '"') {
            QByteArray text;
            if (!readString(&text))
                return std::nullopt;
            return text;
        }
        if (peek() == '{' || peek() == '[')
            return std::nullopt;
        const char *start = m_p;
        if (!skipValue())
            return std::nullopt;
        return QByteArray(start, m_p - start);
    }

private:
public:
    static QByteArray unescape(QByteArrayView raw)
    {
        QByteArray out;
        out.reserve(raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\' || i + 1 >= raw.size()) {
                out.append(raw[i]);
                continue;
            }
            const char e = raw[++i];
            switch (e) {
            case 'n':
                out.append('\n');
                break;
            case 't':
                out.append('\t');
                break;
            case 'r':
                out.append('\r');
                break;
            case 'b':
                out.append('\b');
                break;
            case 'f':
                out.append('\f');
                break;
            case 'u':
                if (i + 4 < raw.size()) {
                    const QString unit = QString::fromLatin1(raw.sliced(i + 1, 4).toByteArray());
                    bool ok = false;
                    const char16_t code = char16_t(unit.toUShort(&ok, 16));
                    i += 4;
                    // A pair of escapes is one character (an emoji, say):
                    // each half alone would turn into U+FFFD.
                    if (ok && QChar::isHighSurrogate(code) && i + 6 < raw.size()
                        && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
                        bool lowOk = false;
                        const char16_t low
                            = char16_t(QString::fromLatin1(raw.sliced(i + 3, 4).toByteArray())
                                           .toUShort(&lowOk, 16));
                        if (lowOk && QChar::isLowSurrogate(low)) {
                            const char16_t pair[] = { code, low };
                            out.append(QString::fromUtf16(pair, 2).toUtf8());
                            i += 6;
                            break;
                        }
                    }
                    if (ok)
                        out.append(QString(QChar(code)).toUtf8());
                }
                break;
            default:
                out.append(e);
                break;
            }
        }
        return out;
    }

    const char *m_p;
    const char *m_end;
};

} // namespace

std::optional<JsonPointer> JsonPointer::parse(QByteArrayView pointer, QString *error)
{
    JsonPointer result;
    if (pointer.isEmpty())
        return result; // the whole document
    if (pointer.front() != '/') {
        if (error)
            *error = QCoreApplication::translate(
                "JsonPointer", "A JSON Pointer starts with \"/\", as in /ts or /meta/sent_at.");
        return std::nullopt;
    }
    for (const QByteArray &raw : pointer.sliced(1).toByteArray().split('/')) {
        // RFC 6901: "~" is only ever the start of ~0 or ~1.
        for (qsizetype i = raw.indexOf('~'); i >= 0; i = raw.indexOf('~', i + 1)) {
            if (i + 1 >= raw.size() || (raw[i + 1] != '0' && raw[i + 1] != '1')) {
                if (error)
                    *error = QCoreApplication::translate("JsonPointer",
                        "In a JSON Pointer \"~\" is written ~0 and \"/\" is written ~1.");
                return std::nullopt;
            }
        }
        QByteArray token = raw;
        token.replace("~1", "/");
        token.replace("~0", "~");
        result.m_tokens.append(token);
    }
    return result;
}

// Moves the scanner to the value the tokens name; false if there is none.
bool JsonPointer::walk(void *state) const
{
    Scanner &scanner = *static_cast<Scanner *>(state);
    for (const QByteArray &token : m_tokens) {
        scanner.skipSpace();
        if (scanner.peek() == '{') {
            scanner.consume('{');
            bool found = false;
            if (scanner.consume('}'))
                return false;
            do {
                QByteArrayView key;
                bool escaped = false;
                if (!scanner.readRawString(&key, &escaped) || !scanner.consume(':'))
                    return false;
                if (escaped ? Scanner::unescape(key) == token : key == token) {
                    found = true;
                    break;
                }
                if (!scanner.skipValue())
                    return false;
            } while (scanner.consume(','));
            if (!found)
                return false;
        } else if (scanner.peek() == '[') {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0)
                return false;
            scanner.consume('[');
            for (int i = 0; i < index; ++i) {
                if (!scanner.skipValue() || !scanner.consume(','))
                    return false;
            }
        } else {
            return false;
        }
    }
    return true;
}

std::optional<QByteArray> JsonPointer::scalarIn(QByteArrayView json) const
{
    Scanner scanner(json);
    if (!walk(&scanner))
        return std::nullopt;
    return scanner.readScalar();
}

std::optional<QByteArray> JsonPointer::valueIn(QByteArrayView json) const
{
    Scanner scanner(json);
    if (!walk(&scanner))
        return std::nullopt;
    return scanner.readValue();
}

std::optional<QByteArray> JsonPointer::stringIn(QByteArrayView json) const
{
    Scanner scanner(json);
    if (!walk(&scanner))
        return std::nullopt;
    scanner.skipSpace();
    QByteArray text;
    if (scanner.peek() != '"' || !scanner.readString(&text))
        return std::nullopt;
    return text;
}

} // namespace ssescope
