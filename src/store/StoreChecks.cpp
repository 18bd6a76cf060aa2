// FeedbackStore's checks of what it finds in the file: the key (a key check that does not open
// while the key opens the records is damage, not a wrong passphrase) and, before every write,
// the stored causal context (no dot is ever issued from memory another writer made stale).
#include "FeedbackStore.h"
#include "StoreTransaction.h"

#include <common/LogCategories.h>
#include <core/BookCodec.h>

namespace feedback::store {

using detail::kKeyCheck;

Status FeedbackStore::checkKey(const QByteArray &sealedKeyCheck)
{
    if (m_sealer.openMeta(kKeyCheck, sealedKeyCheck))
        return Ok{};
    // The key check does not open. If the key opens what the database holds, the key is right
    // and the key check is damaged: saying "wrong passphrase" would send the user the wrong way.
    bool keyOpensContent = false;
    const QString workspace = QStringLiteral("secret/workspace");
    if (const auto sealed = m_db->meta(workspace))
        keyOpensContent = m_sealer.openMeta(workspace, *sealed).ok();
    if (!keyOpensContent) {
        int tried = 0;
        const Status read =
            m_db->forEachRecord([&](const QByteArray &id, const QByteArray &sealed) {
                if (!keyOpensContent && tried++ < 16)
                    keyOpensContent = m_sealer.openRecord(id, sealed).ok();
            });
        // Records that cannot be read prove nothing about the key: the answer stays "wrong key".
        if (!read)
            qCWarning(lcStore).noquote()
                << "checking the key against the records: cannot read them:" << read.error();
    }
    if (keyOpensContent)
        return Status::failure(
            QStringLiteral(
                "The database %1 is damaged: the key opens its records, but its key "
                "check is damaged. Nothing was changed; restore the profile from a backup.")
                .arg(m_db->path()),
            ErrorKind::Damaged);
    return Status::failure(
        QStringLiteral("The key does not open the database %1: wrong passphrase, or the keychain "
                       "holds a key for another profile.")
            .arg(m_db->path()),
        ErrorKind::WrongKey);
}

Status FeedbackStore::saveContext()
{
    return saveContext(m_book.state().context());
}

Status FeedbackStore::saveContext(const crdt::CausalContext &context)
{
    const auto stored = m_db->readMeta(QStringLiteral("context"));
    if (!stored)
        return Status::failure(stored);
    if (stored->value_or(QByteArray()) != m_savedContext)
        return Status::failure(
            QStringLiteral("Another program wrote to %1 while this one had it open (the profile "
                           "lock was bypassed, or does not work on this file system). Nothing was "
                           "saved and no record id was issued: close the profile and open it "
                           "again.")
                .arg(m_db->path()));
    m_pendingContext = BookCodec::encodeContext(context);
    return m_db->setMeta(QStringLiteral("context"), m_pendingContext);
}

void FeedbackStore::settleContext(bool committed)
{
    if (committed && !m_pendingContext.isEmpty())
        m_savedContext = m_pendingContext;
    m_pendingContext.clear();
}

} // namespace feedback::store
