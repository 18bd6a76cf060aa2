#include "EpochChain.h"

namespace feedback::protocol {

EpochChain::EpochChain(QByteArray workspaceId)
    : m_workspace(std::move(workspaceId))
{}

Result<EpochChain> EpochChain::verify(const QByteArray &workspaceId,
                                      const QList<QByteArray> &statements)
{
    EpochChain chain(workspaceId);
    for (const QByteArray &statement : statements)
        if (Status s = chain.append(statement); !s)
            return Result<EpochChain>::failure(s);
    return chain;
}

Status EpochChain::append(const QByteArray &statement)
{
    const Result<EpochStatement> verified =
        EpochStatement::verify(statement, m_workspace, authority());
    if (!verified)
        return Status::failure(verified);
    if (verified->epoch != latest() + 1)
        return Status::failure(QStringLiteral("epoch statement: epoch %1 after epoch %2")
                                   .arg(verified->epoch)
                                   .arg(latest()),
                               ErrorKind::BadData);
    m_statements.append(*verified);
    return Ok{};
}

const QByteArray &EpochChain::authorityOf(quint64 epoch) const
{
    Q_ASSERT(epoch <= latest());
    return epoch == 0 ? m_workspace : m_statements.at(static_cast<qsizetype>(epoch) - 1).authority;
}

QList<QByteArray> EpochChain::statementBytes() const
{
    QList<QByteArray> out;
    for (const EpochStatement &s : m_statements)
        out.append(s.bytes);
    return out;
}

bool EpochChain::excludes(const QByteArray &device) const
{
    for (const EpochStatement &s : m_statements)
        if (s.excluded.contains(device))
            return true;
    return false;
}

Result<DeviceCertificate> EpochChain::verifyCertificate(const QByteArray &bytes,
                                                        quint64 *epoch) const
{
    Result<DeviceCertificate> last = Result<DeviceCertificate>::failure(QString());
    for (quint64 e = latest() + 1; e-- > 0;) {
        last = DeviceCertificate::verify(bytes, m_workspace, authorityOf(e));
        if (last) {
            if (epoch)
                *epoch = e;
            return last;
        }
    }
    return last;
}

Result<Revocation> EpochChain::verifyRevocation(const QByteArray &bytes, quint64 *epoch) const
{
    Result<Revocation> last = Result<Revocation>::failure(QString());
    for (quint64 e = latest() + 1; e-- > 0;) {
        last = Revocation::verify(bytes, m_workspace, authorityOf(e));
        if (last) {
            if (epoch)
                *epoch = e;
            return last;
        }
    }
    return last;
}

} // namespace feedback::protocol
