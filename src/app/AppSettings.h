// The app's own settings in profile.ini, by typed key (see store/SettingKey.h; the ones every
// program shares are in store::settings). Names and encodings are those on disk since the first
// release.
#pragma once

#include <store/SettingKey.h>
#include <store/StoredValue.h>

namespace feedback::app::settings {

using store::SettingKey;

inline const SettingKey<QString> kMode{QStringLiteral("app/mode")}; // appModeName
inline const SettingKey<int> kRetentionDays{QStringLiteral("app/retentionDays"), 0};
inline const SettingKey<QString> kLanguage{QStringLiteral("app/language")}; // empty: the system's
inline const SettingKey<bool> kSyncEnabled{QStringLiteral("sync/enabled"), true};
// Sync with nearby devices (PeerNetwork) beside the relay; never on a kiosk.
inline const SettingKey<bool> kNearbySync{QStringLiteral("sync/nearby"), true};
// Nearby devices named by hand where discovery does not reach them: "HOST:PORT", space-separated.
inline const SettingKey<QString> kNearbyPeers{QStringLiteral("sync/nearbyPeers")};
// The port this device listens on for nearby devices: a free one at first, then kept, so that
// another device can name this one (0: not chosen yet).
inline const SettingKey<int> kNearbyPort{QStringLiteral("sync/nearbyPort"), 0};
inline const SettingKey<QString> kOrderPrefix{QStringLiteral("kiosk/orderPrefix"),
                                              QStringLiteral("ORD-")};
inline const SettingKey<QString> kKeypad{QStringLiteral("kiosk/keypad"),
                                         QStringLiteral("auto")}; // auto, on or off
// The dispatcher desk's layout (SavedLayout).
inline const SettingKey<QString> kDeskGeometry{QStringLiteral("desk/geometry")}; // "x,y,w,h"
inline const SettingKey<bool> kDeskMaximized{QStringLiteral("desk/maximized"), true};
inline const SettingKey<QString> kDeskHeader{
    QStringLiteral("desk/tableHeader")}; // QHeaderView::saveState, base64
inline const SettingKey<int> kDeskColumns{QStringLiteral("desk/tableColumns"),
                                          0}; // the column count it was saved with
inline const SettingKey<QString> kDeskSplitter{
    QStringLiteral("desk/splitter")}; // QSplitter::saveState, base64
// The company's order system, "https://orders.example/{orderId}": the detail pane links the order
// number there (OrderLink). Empty: the order number is plain text.
inline const SettingKey<QString> kOrderLink{QStringLiteral("desk/orderLink")};
// A desktop notification when a rating of 1–2 stars, or a request to be contacted, arrives from
// another device (RecordAlerts).
inline const SettingKey<bool> kAlerts{QStringLiteral("desk/alerts"), true};

// Sealed in the store: who may leave the kiosk (empty: anyone).
inline const store::StoredKey<QString> kKioskPin{QStringLiteral("kioskPin"),
                                                 store::StoredKey<QString>::Kind::Secret};

} // namespace feedback::app::settings
