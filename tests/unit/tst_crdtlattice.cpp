// Lattice laws and semantics of the delta-state CRDT kernel (src/crdt), checked on random
// histories of three replicas. A failing randomised case prints the seed that reproduces it:
// rerun with FEEDBACK_TEST_SEED=<seed> (FEEDBACK_TEST_SEEDS=<n> runs n times more cases).
#include <QList>
#include <QObject>
#include <QTest>

// moc (Qt 6.4 via CMake 3.25) preprocesses as C++17 and cannot parse the C++20 standard
// headers; it only needs the test class, so it skips the kernel and its includes.
#ifndef Q_MOC_RUN
#include "crdt/AWORSet.h"
#include "crdt/CausalContext.h"
#include "crdt/EWFlag.h"
#include "crdt/MVRegister.h"
#include "crdt/ORMap.h"

#include <algorithm>
#include <array>
#include <random>
#include <set>
#include <type_traits>
#include <vector>
#endif

using namespace crdt;

namespace {

using Rng = std::mt19937_64;
using RegMap = ORMap<int, MVRegister<int>>;
using SetMap = ORMap<int, AWORSet<int>>;
using FlagMap = ORMap<int, EWFlag>;

// Distinct ids whose order differs from their index, so nothing can rely on it.
const std::array<ReplicaId, 3> kReplicas = {
    ReplicaId{0x9E3779B97F4A7C15ULL, 2}, ReplicaId{0x0123456789ABCDEFULL, ~0ULL}, ReplicaId{0, 7}};

quint64 baseSeed()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : 0x5EEDC0FFEEULL;
}

int caseCount(int base)
{
    bool ok = false;
    const int factor = qEnvironmentVariableIntValue("FEEDBACK_TEST_SEEDS", &ok);
    return base * (ok && factor > 1 ? factor : 1);
}

// QVERIFY2 that builds its message, naming the seed to rerun with, only on failure.
#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (!(cond))                                                                               \
            QVERIFY2(cond, qPrintable(QStringLiteral("%1; rerun with FEEDBACK_TEST_SEED=%2")       \
                                          .arg(QLatin1String(what))                                \
                                          .arg(seed)));                                            \
    } while (false)

template <class T = int> T pick(Rng &rng, T n)
{
    return std::uniform_int_distribution<T>(0, n - 1)(rng);
}

template <class F> void runCases(int base, F &&check)
{
    const quint64 first = baseSeed();
    for (int i = 0; i < caseCount(base) && !QTest::currentTestFailed(); ++i)
        check(first + static_cast<quint64>(i));
}

template <class M> M joined(M a, const M &b)
{
    a.join(b);
    return a;
}
template <class M, class D> M applied(M state, const D &delta)
{
    state.apply(delta);
    return state;
}

// One random mutation of `map` by replica r, of every kind the value type offers.
template <class V>
typename ORMap<int, V>::Delta randomOp(ORMap<int, V> &map, std::size_t r, Rng &rng)
{
    const int key = pick(rng, 3);
    const int op = pick(rng, 6);
    const int x = pick(rng, 4);
    if (op == 0)
        return map.erase(kReplicas[r], key);
    return map.mutate(kReplicas[r], key, [&](V &value, const Dot &dot) {
        if constexpr (std::is_same_v<V, MVRegister<int>>) {
            return value.write(dot, x);
        } else if constexpr (std::is_same_v<V, EWFlag>) {
            return op % 2 == 0 ? value.enable(dot) : value.disable(dot);
        } else {
            // 1-2: add x; 3: remove x; 4: add x and x+1 under one dot; 5: remove x, add x+1.
            typename V::Delta delta;
            if (op == 3 || op == 5)
                value.remove(dot, x, delta);
            if (op != 3)
                value.add(dot, op >= 4 ? (x + 1) % 4 : x, delta);
            if (op == 4)
                value.add(dot, x, delta);
            return delta;
        }
    });
}

// Three replicas of one map and every delta they minted, in the (causal) order minted.
template <class V> struct World
{
    using Map = ORMap<int, V>;
    using Delta = typename Map::Delta;

    std::array<Map, 3> maps;
    std::vector<Delta> log;
    std::array<std::vector<bool>, 3> has; // has[r][i]: log[i] is reflected in maps[r]

    Delta mutate(std::size_t r, Rng &rng)
    {
        log.push_back(randomOp(maps[r], r, rng));
        for (std::size_t q = 0; q < 3; ++q)
            has[q].push_back(q == r);
        return log.back();
    }
    // Delivers a random subset of the deltas r lacks, in causal order.
    void deliverSome(std::size_t r, Rng &rng)
    {
        for (std::size_t i = 0; i < log.size(); ++i) {
            if (has[r][i] || pick(rng, 2) == 0 || !maps[r].isReady(log[i]))
                continue;
            maps[r].apply(log[i]);
            has[r][i] = true;
        }
    }
};

template <class V> void checkMutation(World<V> &w, std::size_t r, Rng &rng, quint64 seed)
{
    using Map = typename World<V>::Map;
    const Map before = w.maps[r];
    const auto delta = w.mutate(r, rng);
    const Map &after = w.maps[r];
    CHECK(before.isReady(delta) && !before.isKnown(delta), "fresh own delta ready, unknown");
    const Map viaDelta = applied(before, delta);
    CHECK(viaDelta == after && viaDelta.isKnown(delta), "s apply(delta) == mutated s");
    CHECK(viaDelta == joined(before, after), "s apply(delta) == s join mutated s");
    CHECK(applied(viaDelta, delta) == after, "delta applied twice == once");
    const Map &other = w.maps[(r + 1 + pick<std::size_t>(rng, 3) % 2) % 3];
    if (other.isReady(delta)) {
        const Map once = applied(other, delta);
        CHECK(applied(once, delta) == once, "delta applied twice == once on another replica");
        CHECK(joined(once, after) == joined(other, after), "delta is below the mutated state");
    }
}

// Consecutive deltas of one replica, joined into a group, against applying them one by one.
template <class V> void checkGroup(World<V> &w, std::size_t r, Rng &rng, quint64 seed)
{
    using Map = typename World<V>::Map;
    using Delta = typename World<V>::Delta;
    const std::size_t q = (r + 1 + pick<std::size_t>(rng, 3) % 2) % 3;
    const std::array<Map, 2> bases = {w.maps[q], joined(w.maps[q], w.maps[r])};
    std::vector<Delta> deltas;
    for (int i = 0, n = 2 + pick(rng, 3); i < n; ++i)
        deltas.push_back(w.mutate(r, rng));
    Delta group = deltas.front();
    for (std::size_t i = 1; i < deltas.size(); ++i)
        group.join(deltas[i]);

    for (std::size_t b = 0; b < bases.size(); ++b) {
        const Map &base = bases[b];
        if (!base.isReady(group)) {
            CHECK(b == 0, "group ready on a state that saw its sender's past");
            continue;
        }
        Map oneByOne = base;
        for (const Delta &d : deltas) {
            CHECK(oneByOne.isReady(d), "ready group => its deltas ready in turn");
            oneByOne.apply(d);
        }
        const Map grouped = applied(base, group);
        CHECK(grouped == oneByOne, "group applied once == its deltas one by one");
        CHECK(applied(grouped, group) == oneByOne, "group applied twice == once");
        CHECK(joined(grouped, w.maps[r]) == joined(base, w.maps[r]), "group below sender state");
        if (b == 1)
            CHECK(grouped == joined(base, w.maps[r]), "past join group == join sender state");
    }
}

template <class V> void checkLattice(quint64 seed)
{
    Rng rng(seed);
    World<V> w;
    for (int step = 1; step <= 30 && !QTest::currentTestFailed(); ++step) {
        const std::size_t r = pick<std::size_t>(rng, 3);
        const int what = pick(rng, 6);
        if (what < 2)
            w.deliverSome(r, rng);
        else if (what == 2)
            checkGroup(w, r, rng, seed);
        else
            checkMutation(w, r, rng, seed);
        if (step % 10 != 0 || QTest::currentTestFailed())
            continue;
        const auto &[a, b, c] = w.maps; // lattice laws on three random reachable states
        CHECK(joined(a, b) == joined(b, a), "join commutative");
        CHECK(joined(joined(a, b), c) == joined(a, joined(b, c)), "join associative");
        CHECK(joined(a, a) == a, "join idempotent");
        CHECK(joined(joined(a, b), b) == joined(a, b), "join absorbs what it joined");
        auto self = a; // joining a state with itself (aliased, not a copy) changes nothing
        self.join(self);
        CHECK(self == a, "aliased map self-join idempotent");
        for (const auto &entry : a.entries()) {
            auto value = entry.second;
            value.join(value, a.context(), a.context());
            CHECK(value == entry.second, "aliased value self-join idempotent");
        }
    }
}

// Delivers `messages` in the given order to a receiver that buffers each delta until it is
// ready, as FeedbackBook does. Returns how many deltas stay buffered.
template <class Map>
std::size_t deliverBuffered(Map &state, const std::vector<typename Map::Delta> &messages)
{
    std::vector<typename Map::Delta> pending;
    const auto ready = [&state](const auto &delta) {
        return state.isReady(delta);
    };
    for (const auto &delta : messages) {
        pending.push_back(delta);
        // Applying one may ready others that arrived earlier: repeat until none is ready.
        auto it = std::find_if(pending.begin(), pending.end(), ready);
        for (; it != pending.end(); it = std::find_if(pending.begin(), pending.end(), ready)) {
            state.apply(*it);
            pending.erase(it);
        }
    }
    return pending.size();
}

template <class V> void checkDelivery(quint64 seed)
{
    using Map = typename World<V>::Map;
    Rng rng(seed);
    World<V> w;
    for (int step = 0; step < 30; ++step) {
        const std::size_t r = pick<std::size_t>(rng, 3);
        if (pick(rng, 3) == 0)
            w.deliverSome(r, rng);
        else
            w.mutate(r, rng);
    }
    Map inOrder;
    for (const auto &d : w.log) {
        CHECK(inOrder.isReady(d), "mint order is a causal order");
        inOrder.apply(d);
    }
    const Map all = joined(joined(w.maps[0], w.maps[1]), w.maps[2]);
    CHECK(inOrder == all, "all deltas in order == join of all replicas' states");
    for (int trial = 0; trial < 3; ++trial) {
        auto messages = w.log;
        for (const auto &d : w.log)
            if (pick(rng, 4) == 0)
                messages.push_back(d);
        std::shuffle(messages.begin(), messages.end(), rng);
        Map received;
        CHECK(deliverBuffered(received, messages) == 0, "every buffered delta eventually ready");
        CHECK(received == inOrder, "shuffled, duplicated delivery converges");
    }
}

RegMap::Delta write(RegMap &m, std::size_t r, int key, int value)
{
    return m.mutate(kReplicas[r], key, [value](MVRegister<int> &reg, const Dot &dot) {
        return reg.write(dot, value);
    });
}
SetMap::Delta addTo(SetMap &m, std::size_t r, int key, int element)
{
    return m.mutate(kReplicas[r], key,
                    [element](AWORSet<int> &set, const Dot &dot) { return set.add(dot, element); });
}
SetMap::Delta removeFrom(SetMap &m, std::size_t r, int key, int element)
{
    return m.mutate(kReplicas[r], key, [element](AWORSet<int> &set, const Dot &dot) {
        return set.remove(dot, element);
    });
}
FlagMap::Delta setFlag(FlagMap &m, std::size_t r, int key, bool on)
{
    return m.mutate(kReplicas[r], key, [on](EWFlag &flag, const Dot &dot) {
        return on ? flag.enable(dot) : flag.disable(dot);
    });
}
QList<int> values(const RegMap &m, int key)
{
    QList<int> out;
    if (const MVRegister<int> *reg = m.find(key))
        for (const auto &entry : reg->entries())
            out.append(entry.second);
    std::sort(out.begin(), out.end());
    return out;
}
bool setHas(const SetMap &m, int key, int element)
{
    const AWORSet<int> *set = m.find(key);
    return set && set->contains(element);
}

} // namespace

class TestCrdtLattice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("FEEDBACK_TEST_SEED=%llu, %d cases per randomised test", baseSeed(), caseCount(200));
    }

    void causalContextBasics()
    {
        const ReplicaId r = kReplicas[0];
        CausalContext ctx;
        QVERIFY(ctx.empty());
        QVERIFY(ctx.contains(Dot{r, 0}));
        ctx.insert(Dot{r, 3});
        QVERIFY(ctx.contains(Dot{r, 3}) && !ctx.contains(Dot{r, 1}) && !ctx.contains(Dot{r, 4}));
        QVERIFY(ctx.versionVector().empty() && ctx.cloud().size() == 1); // no zero entries
        QVERIFY(ctx.contiguous(r) == 0 && ctx.maxCounter(r) == 3);
        ctx.insert(Dot{r, 1});
        QVERIFY(ctx.contiguous(r) == 1 && ctx.maxCounter(r) == 3);
        QVERIFY(!ctx.contains(Dot{r, 2}) && !ctx.contains(Dot{kReplicas[1], 1}));
        CausalContext minted = ctx;
        QCOMPARE(minted.next(r), (Dot{r, 4})); // maxCounter + 1, not the gap
        QVERIFY(minted.contains(Dot{r, 4}));
        ctx.insert(Dot{r, 2});
        QCOMPARE(ctx.versionVector(), (std::map<ReplicaId, std::uint64_t>{{r, 3}}));
        QVERIFY(ctx.cloud().empty());
        QCOMPARE(ctx.next(r), (Dot{r, 4}));
        QCOMPARE(ctx.next(kReplicas[2]), (Dot{kReplicas[2], 1}));
    }

    void causalContextRandom()
    {
        runCases(200, [](quint64 seed) {
            Rng rng(seed);
            std::vector<Dot> dots;
            for (const ReplicaId &r : kReplicas)
                for (std::uint64_t c = 1; c <= 10; ++c)
                    if (pick(rng, 3) != 0)
                        dots.push_back(Dot{r, c});
            const std::set<Dot> ref(dots.begin(), dots.end());
            std::array<CausalContext, 4> ctx; // a: all dots; x, y, z: a random cover of them
            std::shuffle(dots.begin(), dots.end(), rng);
            for (const Dot &d : dots) {
                ctx[0].insert(d);
                for (int k = 0, n = 1 + pick(rng, 2); k < n; ++k)
                    ctx[pick<std::size_t>(rng, 3) + 1].insert(d);
            }
            const auto &[a, x, y, z] = ctx;
            for (const ReplicaId &r : kReplicas) {
                std::uint64_t contiguous = 0, max = 0;
                for (std::uint64_t c = 1; c <= 12; ++c) {
                    const bool present = ref.contains(Dot{r, c});
                    CHECK(a.contains(Dot{r, c}) == present, "contains matches the set");
                    max = present ? c : max;
                    contiguous += (present && contiguous == c - 1) ? 1 : 0;
                }
                CHECK(a.contiguous(r) == contiguous && a.maxCounter(r) == max, "contiguous/max");
                CausalContext n = a;
                CHECK(n.next(r) == (Dot{r, max + 1}) && n.contains(Dot{r, max + 1}), "next");
            }
            for (const auto &entry : a.versionVector())
                CHECK(entry.second > 0, "no zero version vector entries");
            for (const Dot &d : a.cloud())
                CHECK(d.counter > a.contiguous(d.replica) + 1, "cloud holds only gapped dots");
            CHECK(joined(x, y) == joined(y, x), "context join commutative");
            CHECK(joined(joined(x, y), z) == joined(x, joined(y, z)), "context join associative");
            CHECK(joined(x, x) == x && joined(a, x) == a, "context join idempotent");
            CHECK(joined(joined(z, y), x) == a, "canonical: equal sets, in any order, compare ==");
        });
    }

    void latticeRegisterMap() { runCases(200, checkLattice<MVRegister<int>>); }
    void latticeSetMap() { runCases(200, checkLattice<AWORSet<int>>); }
    void latticeFlagMap() { runCases(200, checkLattice<EWFlag>); }

    void registerConcurrentWrites()
    {
        RegMap a, b;
        const auto fromA = write(a, 0, 1, 10);
        const auto fromB = write(b, 1, 1, 20);
        a.apply(fromB);
        b.apply(fromA);
        QVERIFY(a == b && a.find(1)->isConflict());
        QCOMPARE(values(a, 1), (QList<int>{10, 20}));
        const auto resolve = write(b, 1, 1, 30); // saw both values
        a.apply(resolve);
        QVERIFY(a == b && !a.find(1)->isConflict());
        QCOMPARE(values(a, 1), QList<int>{30});

        // A bare register, each replica with its own explicit causal context.
        MVRegister<int> ra, rb;
        CausalContext ca, cb;
        const auto deltaA = ra.write(ca.next(kReplicas[0]), 10);
        const auto deltaB = rb.write(cb.next(kReplicas[1]), 20);
        QVERIFY(!(ra == rb)); // == tells different stores apart
        MVRegister<int> ab = ra, ba = rb;
        ab.join(rb, ca, cb);
        ba.join(ra, cb, ca);
        QVERIFY(ab == ba && ab.isConflict());
        ra.apply(deltaB, ca);
        rb.apply(deltaA, cb);
        QVERIFY(ra == ab && rb == ab);
    }

    void setAddWinsOverConcurrentRemove()
    {
        SetMap a, b;
        b.apply(addTo(a, 0, 1, 5));
        const auto removal = removeFrom(b, 1, 1, 5);
        const auto readd = addTo(a, 0, 1, 5); // concurrent with the removal
        QVERIFY(!setHas(b, 1, 5) && b.size() == 0);
        a.apply(removal);
        b.apply(readd);
        QVERIFY(a == b && setHas(a, 1, 5));
        a.apply(removeFrom(b, 1, 1, 5)); // a removal that saw every add removes the element
        QVERIFY(a == b && !setHas(a, 1, 5) && a.size() == 0 && a.entries().empty());
    }

    void setRemoveOneOfTwoAddedBySameDot()
    {
        SetMap a, b, c;
        const auto both = a.mutate(kReplicas[0], 1, [](AWORSet<int> &set, const Dot &dot) {
            AWORSet<int>::Delta delta;
            set.add(dot, 1, delta);
            set.add(dot, 2, delta);
            return delta;
        });
        b.apply(both);
        c.apply(both);
        QVERIFY(setHas(b, 1, 1) && setHas(b, 1, 2));
        const auto removal = removeFrom(a, 0, 1, 1);
        QVERIFY(b.isReady(removal) && b.isKnown(both));
        b.apply(removal);
        QVERIFY(!setHas(b, 1, 1) && setHas(b, 1, 2) && a == b);
        QVERIFY(joined(c, a) == a);          // a full-state join agrees
        QVERIFY(!SetMap().isReady(removal)); // it overwrites a dot a fresh replica has not seen
    }

    void flagEnableWinsOverConcurrentDisable()
    {
        FlagMap a, b;
        b.apply(setFlag(a, 0, 1, true));
        const auto off = setFlag(b, 1, 1, false);
        const auto on = setFlag(a, 0, 1, true); // concurrent with the disable
        a.apply(off);
        b.apply(on);
        QVERIFY(a == b && a.find(1) && a.find(1)->read());
        a.apply(setFlag(b, 1, 1, false)); // a disable that saw the enable wins
        QVERIFY(a == b && !a.find(1) && a.size() == 0);
    }

    void mapEraseRemovesButConcurrentUpdateWins()
    {
        SetMap a, b, c;
        for (const auto &delta : {addTo(a, 0, 1, 1), addTo(a, 0, 2, 7)}) {
            b.apply(delta);
            c.apply(delta);
        }
        const auto erased = a.erase(kReplicas[0], 1);
        QVERIFY(!a.find(1) && a.size() == 1 && a.entries().size() == 1);
        const auto update = addTo(b, 1, 1, 2); // concurrent with the erase
        c.apply(erased);
        QVERIFY(!c.find(1) && c.size() == 1 && c.entries().size() == 1);
        a.apply(update);
        b.apply(erased);
        c.apply(update);
        QVERIFY(a == b && b == c);
        QVERIFY(setHas(a, 1, 2) && !setHas(a, 1, 1) && setHas(a, 2, 7));
        const auto ghost = a.erase(kReplicas[0], 9); // erasing an absent key creates nothing
        b.apply(ghost);
        QVERIFY(a == b && a.size() == 2 && !a.find(9));
        const SetMap &view = a;
        QVERIFY(view.find(42) == nullptr && view.size() == 2); // reads never insert
    }

    void readinessFollowsOverwrittenDots()
    {
        RegMap a, b, c;
        const auto first = write(a, 0, 1, 1);
        b.apply(first);
        const auto second = write(b, 1, 1, 2); // overwrites a's dot
        QVERIFY(!c.isReady(second) && !c.isKnown(second));
        QVERIFY(c.isReady(first));
        RegMap::Delta group = first;
        group.join(second);
        QVERIFY(c.isReady(group)); // the group carries the dot it overwrites
        c.apply(first);
        QVERIFY(c.isReady(second));
        c.apply(second);
        QVERIFY(c == b && c.isKnown(second));
        QCOMPARE(values(c, 1), QList<int>{2});
    }

    void outOfOrderDeliveryConverges()
    {
        runCases(100, checkDelivery<MVRegister<int>>);
        runCases(100, checkDelivery<AWORSet<int>>);
        runCases(100, checkDelivery<EWFlag>);
    }
};

QTEST_APPLESS_MAIN(TestCrdtLattice)
#include "tst_crdtlattice.moc"
