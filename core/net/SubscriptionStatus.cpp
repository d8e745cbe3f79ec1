#include "SubscriptionStatus.h"

using namespace Qt::StringLiterals;

namespace ssescope {

QString stateName(SubscriptionState state)
{
    switch (state) {
    case SubscriptionState::Idle:
        return u"idle"_s;
    case SubscriptionState::Connecting:
        return u"connecting"_s;
    case SubscriptionState::Open:
        return u"open"_s;
    case SubscriptionState::Waiting:
        return u"waiting"_s;
    case SubscriptionState::Paused:
        return u"paused"_s;
    case SubscriptionState::Closed:
        return u"closed"_s;
    case SubscriptionState::Failed:
        return u"failed"_s;
    }
    return u"unknown"_s;
}

bool isFinal(SubscriptionState state)
{
    return state == SubscriptionState::Closed || state == SubscriptionState::Failed;
}

} // namespace ssescope
