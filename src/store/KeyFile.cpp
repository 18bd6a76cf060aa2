#include "KeyFile.h"

#include "Sealer.h"

#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <sodium.h>

namespace feedback::store {

namespace {
const QByteArray kMagic = QByteArrayLiteral("CFKEY\x01");
constexpr qsizetype kHeaderSize = 6 + 8 + 8 + crypto_pwhash_SALTBYTES;
constexpr qsizetype kFileSize = kHeaderSize + Sealer::kOverhead + SecretKey::kSize;
constexpr quint64 kMaxOps = 64;
constexpr quint64 kMaxMem = quint64{2} * 1024 * 1024 * 1024;

Result<SecretKey> derive(const QByteArray &passphrase, const QByteArray &salt, quint64 ops,
                         quint64 mem)
{
    SecretKey derived;
    if (crypto_pwhash(derived.data(), SecretKey::kSize, passphrase.constData(),
                      static_cast<unsigned long long>(passphrase.size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()), ops,
                      static_cast<size_t>(mem), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Result<SecretKey>::failure(
            QStringLiteral("not enough memory to derive the key from the passphrase"));
    derived.markValid();
    return derived;
}
} // namespace

KeyFile::Limits KeyFile::defaultLimits()
{
    if (qEnvironmentVariable("FEEDBACK_KDF") == QLatin1String("interactive"))
        return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Status KeyFile::write(const QString &path, const SecretKey &key, const QByteArray &passphrase,
                      Limits limits)
{
    Sealer::initialise();
    if (passphrase.isEmpty())
        return Status::failure(QStringLiteral("The passphrase must not be empty."));
    QByteArray header = kMagic;
    header.resize(kHeaderSize);
    qToBigEndian(limits.ops, header.data() + 6);
    qToBigEndian(limits.mem, header.data() + 14);
    const QByteArray salt = Sealer::randomBytes(crypto_pwhash_SALTBYTES);
    std::copy(salt.begin(), salt.end(), header.begin() + 22);
    const auto wrapping = derive(passphrase, salt, limits.ops, limits.mem);
    if (!wrapping)
        return Status::failure(wrapping);
    const QByteArray wrapped = Sealer::seal(*wrapping, key.toBytes(), header);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(
            QStringLiteral("Cannot write the key file %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(header + wrapped);
    if (!file.commit())
        return Status::failure(
            QStringLiteral("Cannot write the key file %1: %2").arg(path, file.errorString()));
    return Ok{};
}

Result<SecretKey> KeyFile::read(const QString &path, const QByteArray &passphrase)
{
    Sealer::initialise();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<SecretKey>::failure(
            QStringLiteral("Cannot read the key file %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(kFileSize + 1);
    if (bytes.size() != kFileSize || !bytes.startsWith(kMagic))
        return Result<SecretKey>::failure(
            QStringLiteral("The key file %1 is damaged (wrong size or format).").arg(path));
    const QByteArray header = bytes.left(kHeaderSize);
    const quint64 ops = qFromBigEndian<quint64>(header.constData() + 6);
    const quint64 mem = qFromBigEndian<quint64>(header.constData() + 14);
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > kMaxOps || mem < crypto_pwhash_MEMLIMIT_MIN ||
        mem > kMaxMem)
        return Result<SecretKey>::failure(
            QStringLiteral("The key file %1 is damaged (bad parameters).").arg(path));
    const auto wrapping = derive(passphrase, header.mid(22), ops, mem);
    if (!wrapping)
        return Result<SecretKey>::failure(wrapping);
    const auto plain = Sealer::open(*wrapping, bytes.mid(kHeaderSize), header);
    if (!plain)
        return Result<SecretKey>::failure(
            QStringLiteral("Wrong passphrase for %1 (or the key file was altered).").arg(path),
            ErrorKind::WrongKey);
    return SecretKey::fromBytes(*plain);
}

} // namespace feedback::store
