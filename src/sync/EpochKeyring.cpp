#include "EpochKeyring.h"

#include <QCborArray>
#include <QCborValue>
#include <QDateTime>

#include <common/LogCategories.h>
#include <protocol/EpochStatement.h>
#include <store/StoredValue.h>

namespace feedback::sync::epochkeyring {

namespace {

// The secrets of epochs 1.. as CBOR [[epoch, secret(32)], ...], sealed in the store.
const store::StoredKey<QByteArray> kEpochSecrets{QStringLiteral("workspace/epochs"),
                                                 store::StoredKey<QByteArray>::Kind::Secret};
// The statements as the relay sent them, CBOR [statement, ...]: public, checked when read.
const store::StoredKey<QByteArray> kEpochChain{QStringLiteral("workspace/chain")};

using protocol::limits::kMaxEpochs;

QList<QByteArray> statementsOf(const QByteArray &cbor)
{
    QList<QByteArray> out;
    const QCborArray list = QCborValue::fromCbor(cbor).toArray();
    for (const QCborValue &item : list) {
        if (!item.isByteArray() || out.size() >= kMaxEpochs)
            return {};
        out.append(item.toByteArray());
    }
    return out;
}

} // namespace

Status load(const store::FeedbackStore &store, WorkspaceKeys &keys)
{
    if (keys.canRead()) {
        const QCborArray secrets =
            QCborValue::fromCbor(store::findStored(store, kEpochSecrets).value_or(QByteArray()))
                .toArray();
        for (const QCborValue &item : secrets) {
            const QCborArray pair = item.toArray();
            if (pair.size() != 2 || !pair.at(0).isInteger() || !pair.at(1).isByteArray())
                return Status::failure(QStringLiteral("the workspace's key epochs are damaged"),
                                       ErrorKind::Damaged);
            if (Status s = keys.addEpochSecret(static_cast<quint64>(pair.at(0).toInteger()),
                                               pair.at(1).toByteArray());
                !s)
                return s;
        }
    }
    const auto kept = store::findStored(store, kEpochChain);
    if (!kept || kept->isEmpty())
        return Ok{};
    // Written after the secrets: a chain that does not fit them is replaced at the next sync.
    const auto chain = protocol::EpochChain::verify(keys.workspaceId(), statementsOf(*kept));
    if (!chain) {
        qCWarning(lcSync).noquote() << "the kept key epochs do not verify:" << chain.error();
        return Ok{};
    }
    if (Status s = keys.adoptChain(*chain); !s)
        qCWarning(lcSync).noquote() << "the kept key epochs do not fit:" << s.error();
    return Ok{};
}

Status save(store::FeedbackStore &store, const WorkspaceKeys &keys)
{
    if (keys.canRead()) {
        QCborArray secrets;
        for (const auto &[epoch, secret] : keys.epochSecrets())
            secrets.append(QCborArray{static_cast<qint64>(epoch), secret});
        if (Status s = store::setStored(store, kEpochSecrets, QCborValue(secrets).toCbor()); !s)
            return s;
    }
    QCborArray statements;
    for (const QByteArray &statement : keys.chain().statementBytes())
        statements.append(statement);
    return store::setStored(store, kEpochChain, QCborValue(statements).toCbor());
}

Result<bool> accept(store::FeedbackStore &store, WorkspaceKeys &keys,
                    const protocol::Epochs &epochs, const QByteArray &deviceSecretKey)
{
    QList<QByteArray> statements;
    for (const protocol::EpochEntry &entry : epochs.entries)
        statements.append(entry.statement);
    const auto chain = protocol::EpochChain::verify(keys.workspaceId(), statements);
    if (!chain)
        return Result<bool>::failure(QStringLiteral("the relay's key epochs do not verify: ") +
                                         chain.error(),
                                     ErrorKind::BadData);
    const QList<QByteArray> held = keys.chain().statementBytes();
    for (qsizetype i = 0; i < std::min(held.size(), statements.size()); ++i)
        if (held.at(i) != statements.at(i))
            return Result<bool>::failure(
                QStringLiteral("the relay's key epochs differ from this device's (epoch %1)")
                    .arg(i + 1),
                ErrorKind::BadData);
    if (statements.size() <= held.size()) {
        if (statements.size() < held.size()) // a relay restored from an older backup
            qCWarning(lcSync) << "the relay lists" << statements.size() << "key epochs, this "
                              << "device holds" << held.size() << "; keeping them";
        return false;
    }
    WorkspaceKeys next = keys;
    if (next.canRead()) {
        for (const protocol::EpochStatement &s : chain->statements()) {
            if (s.epoch <= next.epoch())
                continue;
            const protocol::EpochEntry &entry =
                epochs.entries.at(static_cast<qsizetype>(s.epoch) - 1);
            const QByteArray secret =
                protocol::epochenvelope::open(entry.envelope, deviceSecretKey);
            if (secret.isEmpty())
                return Result<bool>::failure(
                    QStringLiteral("This device was not given the workspace's new keys (epoch "
                                   "%1): it was removed from the workspace, or joined while the "
                                   "keys changed. Ask a full device for a new invite.")
                        .arg(s.epoch),
                    ErrorKind::WrongKey);
            if (Status added = next.addEpochSecret(s.epoch, secret); !added)
                return Result<bool>::failure(added);
        }
    }
    if (Status adopted = next.adoptChain(*chain); !adopted)
        return Result<bool>::failure(adopted);
    if (Status saved = save(store, next); !saved)
        return Result<bool>::failure(saved);
    keys = std::move(next);
    qCInfo(lcSync) << "the workspace's keys are now those of epoch" << keys.epoch();
    return true;
}

std::optional<protocol::Rotate> rotation(const WorkspaceKeys &keys, const DeviceList &list,
                                         const QByteArray &self)
{
    const DeviceList::Device *me = list.find(self);
    if (!keys.canRead() || !me || me->revoked || me->certificate.role != protocol::Role::Full)
        return std::nullopt;
    QList<QByteArray> excluded;
    for (const DeviceList::Device &d : list.devices())
        if (d.revoked && d.certificate.role == protocol::Role::Full &&
            !keys.chain().excludes(d.certificate.device) &&
            excluded.size() < protocol::EpochStatement::kMaxExcluded)
            excluded.append(d.certificate.device);
    if (excluded.isEmpty())
        return std::nullopt;
    const quint64 epoch = keys.epoch() + 1;
    if (epoch > protocol::EpochStatement::kMaxEpoch) {
        qCWarning(lcSync) << "the workspace changed its keys" << keys.epoch()
                          << "times, the most it may: a revoked device is not shut out";
        return std::nullopt;
    }
    const QByteArray secret = WorkspaceKeys::newSecret();
    WorkspaceKeys next = keys;
    if (!next.addEpochSecret(epoch, secret))
        return std::nullopt;
    protocol::EpochStatement fields;
    fields.workspace = keys.workspaceId();
    fields.epoch = epoch;
    fields.authority = next.authority();
    fields.boxKey = next.boxPublicKey();
    fields.issuedAtMs = QDateTime::currentMSecsSinceEpoch();
    fields.excluded = excluded;
    protocol::Rotate rotate{protocol::EpochStatement::issue(keys.signingKey(), fields), {}};
    for (const DeviceList::Device &d : list.devices())
        if (!d.revoked && d.certificate.role == protocol::Role::Full &&
            !keys.chain().excludes(d.certificate.device))
            rotate.keys.append({d.certificate.device,
                                protocol::epochenvelope::seal(secret, d.certificate.publicKey)});
    if (rotate.statement.isEmpty())
        return std::nullopt;
    return rotate;
}

} // namespace feedback::sync::epochkeyring
