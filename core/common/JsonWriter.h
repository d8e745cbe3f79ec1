#pragma once

#include "core/common/ByteBuffer.h"

#include <QByteArray>
#include <QByteArrayView>

namespace ssescope {

// Appends s (UTF-8) as a JSON string, quotes included.
void appendJsonString(ByteBuffer &out, QByteArrayView s);
void appendJsonString(QByteArray &out, QByteArrayView s);

// One JSON object, built member by member, for small structured lines (the
// CLI's stderr records): keys are literals, values are escaped here, so no
// caller joins JSON text by hand. Not for the hot path (JsonlWriter is).
class JsonObjectWriter final
{
public:
    JsonObjectWriter &string(const char *key, QByteArrayView value);
    JsonObjectWriter &number(const char *key, qint64 value);
    // The object, closed; the writer is empty afterwards.
    QByteArray take();

private:
    void appendKey(const char *key);

    QByteArray m_text;
};

} // namespace ssescope
