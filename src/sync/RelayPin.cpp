#include "RelayPin.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslKey>

namespace feedback::sync {

namespace {

const QString kPrefix = QStringLiteral("sha256/");
constexpr qsizetype kBase64Chars = 44; // 32 bytes, padded

Result<QByteArray> badPin(const QString &why)
{
    return Result<QByteArray>::failure(QStringLiteral("not a relay key pin (%1): expected "
                                                      "sha256/ and 44 characters of base64")
                                           .arg(why),
                                       ErrorKind::BadData);
}

} // namespace

QByteArray RelayPin::of(const QSslCertificate &certificate)
{
    // QSslKey::toDer of a public key is its SubjectPublicKeyInfo, the form HPKP and curl's
    // --pinnedpubkey hash (tst_relaypin and tst_pinnedrelay compare with openssl's).
    const QByteArray der = certificate.publicKey().toDer();
    if (der.isEmpty())
        return QByteArray();
    return QCryptographicHash::hash(der, QCryptographicHash::Sha256);
}

QString RelayPin::toText(const QByteArray &pin)
{
    return kPrefix + QString::fromLatin1(pin.toBase64());
}

Result<QByteArray> RelayPin::parse(const QString &text)
{
    if (!text.startsWith(kPrefix))
        return badPin(QStringLiteral("it does not start with sha256/"));
    const QString encoded = text.mid(kPrefix.size());
    if (encoded.size() != kBase64Chars)
        return badPin(QStringLiteral("%1 characters after sha256/").arg(encoded.size()));
    for (const QChar c : encoded)
        if (c.unicode() > 0x7f)
            return badPin(QStringLiteral("a character that is not base64"));
    const auto decoded = QByteArray::fromBase64Encoding(
        encoded.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    // Written back exactly as read: no other alphabet, no bits set in the padding, so that one
    // key has one text.
    if (!decoded || decoded.decoded.size() != kBytes ||
        QString::fromLatin1(decoded.decoded.toBase64()) != encoded)
        return badPin(QStringLiteral("the base64 does not hold 32 bytes"));
    return decoded.decoded;
}

QString RelayPin::relayOf(const QUrl &url)
{
    if (url.scheme().compare(QLatin1String("wss"), Qt::CaseInsensitive) != 0 ||
        url.host().isEmpty())
        return QString();
    const QString host = url.host().toLower();
    const QString bracketed =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return bracketed + QLatin1Char(':') + QString::number(url.port(443));
}

Result<QByteArray> RelayPin::load(const store::Profile &profile, const QUrl &url)
{
    const QString kept = profile.get(store::settings::kRelayPin);
    if (kept.isEmpty())
        return QByteArray();
    // "HOST:PORT sha256/BASE64"; a host holds no space.
    const qsizetype space = kept.indexOf(QLatin1Char(' '));
    const auto pin = space > 0 ? parse(kept.mid(space + 1)) : badPin(QStringLiteral("no relay"));
    if (!pin)
        return Result<QByteArray>::failure(
            QStringLiteral("The relay key pinned in %1 (%2) is damaged: %3. Remove it with "
                           "`feedbackctl sync --forget-relay-key`; the next sync that gets "
                           "through pins the relay's key again")
                .arg(profile.settingsPath(), store::settings::kRelayPin.name, pin.error()),
            ErrorKind::Damaged);
    const QString relay = relayOf(url);
    if (relay.isEmpty() || kept.left(space) != relay)
        return QByteArray(); // another relay's: this one has none yet
    return *pin;
}

Status RelayPin::save(const store::Profile &profile, const QUrl &url, const QByteArray &pin)
{
    if (pin.size() != kBytes)
        return Status::failure(
            QStringLiteral("a relay key pin has %1 bytes, not %2").arg(kBytes).arg(pin.size()),
            ErrorKind::BadData);
    const QString relay = relayOf(url);
    if (relay.isEmpty())
        return Status::failure(QStringLiteral("a relay key pin applies to a wss:// relay only, "
                                              "not to %1")
                                   .arg(url.toString()),
                               ErrorKind::BadData);
    return profile.set(store::settings::kRelayPin, QString(relay + QLatin1Char(' ') + toText(pin)));
}

Status RelayPin::forget(const store::Profile &profile)
{
    return profile.set(store::settings::kRelayPin, QString());
}

} // namespace feedback::sync
