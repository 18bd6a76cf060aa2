// What the reason tags of the catalog are called on screen, in the user's language.
#pragma once
#include <QString>

namespace feedback::app {

QString reasonLabel(const QString &tag);
QString followUpLabel(int status);        // FollowUpStatus as int; -1: none
QString fieldLabel(const QString &field); // a record field's JSON name
QString ratingStars(int rating);          // "★★★☆☆"

} // namespace feedback::app
