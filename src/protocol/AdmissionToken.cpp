#include "AdmissionToken.h"

#include "Ed25519.h"

#include <QRegularExpression>

#include <sodium.h>

namespace feedback::protocol::admissiontoken {

namespace {
const QLatin1String kPrefix("cfa1-");
constexpr int kRandomBytes = 24; // 32 base64url characters
} // namespace

QString mint()
{
    ed25519::initialise();
    QByteArray random(kRandomBytes, Qt::Uninitialized);
    randombytes_buf(random.data(), static_cast<size_t>(random.size()));
    return kPrefix + QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding |
                                                         QByteArray::OmitTrailingEquals));
}

bool looksValid(const QString &token)
{
    // Anchored as a whole: `$` alone would let a final newline through into a header.
    static const QRegularExpression kShape(
        QRegularExpression::anchoredPattern(QStringLiteral("cfa1-[A-Za-z0-9_-]{32}")));
    return kShape.match(token).hasMatch();
}

QByteArray hashOf(const QString &token)
{
    return ed25519::digest(token.toUtf8());
}

} // namespace feedback::protocol::admissiontoken
