// The growth table's profiles: a store grown to the next size in imports of 10,000 workload
// records, as a company's records arrive in bulk from the old system.
#pragma once

#include <store/FeedbackStore.h>
#include <support/Workload.h>

namespace feedback::bench {

// Imports records numbered from `total` until the store holds `size`; `total` follows.
inline void importUpTo(store::FeedbackStore &store, testsupport::Workload &workload, int &total,
                       int size)
{
    while (total < size) {
        QList<store::ImportItem> items;
        for (int i = 0; i < 10000 && total < size; ++i, ++total)
            items.append({QByteArray::number(total), workload.next()});
        if (!store.importItems(items))
            qFatal("import failed");
    }
}

} // namespace feedback::bench
