#pragma once

#include <QtGlobal>

namespace ssescope {

// Whether an event's id came in its own id field. An event without one still
// carries the last event ID (the spec's, as browsers report it), so the same
// id on two events says nothing about a duplicate unless both had the field.
enum class IdOrigin : quint8 {
    Unknown, // read back from a capture that did not keep it
    Own, // the event had an id field
    CarriedOver, // it had none: the last event ID of the events before it
};

} // namespace ssescope
