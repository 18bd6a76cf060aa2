// The key epochs of one workspace, verified in order from its id (PROTOCOL.md, "Key epochs"):
// epoch 0's authority is the workspace id itself; each statement is signed by the authority
// before it and names the next. Certificates and revocations verify against an epoch's
// authority; what is new (a first enrolment, a revocation, the next statement) must come from
// the latest one, which a revoked full device never holds. Shared by the relay and devices.
#pragma once

#include "DeviceCertificate.h"
#include "EpochStatement.h"
#include "Revocation.h"

#include <QByteArray>
#include <QList>

#include <common/Result.h>

namespace feedback::protocol {

class EpochChain
{
public:
    explicit EpochChain(QByteArray workspaceId = {});
    // Every statement in order, from epoch 1.
    static Result<EpochChain> verify(const QByteArray &workspaceId,
                                     const QList<QByteArray> &statements);

    // The statement of epoch latest() + 1, verified against the latest authority.
    Status append(const QByteArray &statement);

    const QByteArray &workspaceId() const { return m_workspace; }
    quint64 latest() const { return static_cast<quint64>(m_statements.size()); }
    // The authority of `epoch` (0..latest()): the workspace id for epoch 0.
    const QByteArray &authorityOf(quint64 epoch) const;
    const QByteArray &authority() const { return authorityOf(latest()); }
    // Epochs 1..latest().
    const QList<EpochStatement> &statements() const { return m_statements; }
    QList<QByteArray> statementBytes() const;
    // A statement of the chain shuts `device` out.
    bool excludes(const QByteArray &device) const;

    // Against every authority of the chain, newest first; `epoch` gets the one that signed it.
    Result<DeviceCertificate> verifyCertificate(const QByteArray &bytes,
                                                quint64 *epoch = nullptr) const;
    Result<Revocation> verifyRevocation(const QByteArray &bytes, quint64 *epoch = nullptr) const;

private:
    QByteArray m_workspace;
    QList<EpochStatement> m_statements;
};

} // namespace feedback::protocol
