#pragma once
// Handing finished work to a second thread, behind the caller, so that a dry-run over a large dump
// formats its output on another core than the one judging: the caller pushes items in order, and
// one worker hands them to a sink in that same order. The counterpart of ParseAhead, which works
// ahead of the caller; with both, a dry-run keeps three stages busy (parse, judge, write).
//
// The sink runs on the worker thread, so it may read only what the caller no longer changes: the
// item it is given (moved in) and data the caller only reads while items are in flight.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace appeald::daemon {

template <typename Item> class WriteBehind {
public:
  // Handles one item; false stops the worker (the caller reports why: the sink keeps its own
  // error), and items pushed after it are dropped.
  using Sink = std::function<bool(Item&)>;

  // Items pushed and not yet handled, at most; push() waits for room beyond it.
  static constexpr std::size_t default_depth = 64;

  // With `threaded` false there is no worker: push() runs the sink itself, so one CPU does not
  // pay for a thread switch per item (the worker would wake as soon as an item came).
  explicit WriteBehind(Sink sink, bool threaded = true, std::size_t depth = default_depth)
      : sink_(std::move(sink)), threaded_(threaded), depth_(depth == 0 ? 1 : depth),
        wake_at_(std::max<std::size_t>(1, depth_ / 4)) {
    if (threaded) {
      worker_ = std::thread([this] { work(); });
    }
  }

  // Without finish(): stops the worker after the item in hand, drops the rest, and waits for it.
  ~WriteBehind() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) {
      worker_.join();
    }
  }
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // Queues `item` after every item pushed before it, waiting while depth items are queued.
  // False once the sink has stopped (returned false or threw): finish() says which. The worker
  // takes items in batches of a quarter of the depth, or whatever is left at finish(), so an
  // item may wait for the ones after it: this is for throughput, not latency.
  bool push(Item item) {
    if (!threaded_) {
      return !closed_ && !stopped_ && handle(item);
    }
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return stopped_ || queue_.size() < depth_; });
    if (stopped_) {
      return false;
    }
    queue_.push_back(std::move(item));
    if (queue_.size() == wake_at_) {
      ready_.notify_one(); // a batch, not every item: fewer thread switches
    }
    return true;
  }

  // Waits until the sink has handled every item pushed (or stopped), and ends the worker. True
  // when the sink never returned false; rethrows what the sink threw. Call it once.
  bool finish() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) {
      worker_.join();
    }
    if (failure_) {
      std::rethrow_exception(failure_);
    }
    return !stopped_;
  }

private:
  void work() {
    std::deque<Item> batch; // taken from queue_ in one lock
    bool ok = true;
    while (ok) {
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || closed_ || queue_.size() >= wake_at_; });
        if (stopping_ || queue_.empty()) {
          break; // asked to stop, or closed with nothing left
        }
        batch.swap(queue_);
      }
      room_.notify_one();
      for (Item& item : batch) {
        if (!(ok = handle(item))) { // handle() catches what the sink throws
          break;
        }
      }
      batch.clear();
    }
    if (!ok) {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      queue_.clear();
    }
    room_.notify_all();
  }

  // Runs the sink on `item`; false when it refused or threw (what it threw is kept for finish()).
  // Threaded, work() then marks the writer stopped under the lock; inline, this does.
  bool handle(Item& item) {
    try {
      if (sink_(item)) {
        return true;
      }
    } catch (...) {
      failure_ = std::current_exception();
    }
    if (!threaded_) {
      stopped_ = true;
    }
    return false;
  }

  Sink sink_;
  const bool threaded_;
  const std::size_t depth_;
  const std::size_t wake_at_; // the worker wakes when this many items are queued (or at finish)

  std::mutex mutex_;
  std::condition_variable ready_; // the queue has items, or finish() or the destructor was called
  std::condition_variable room_;  // the queue has room, or the sink stopped
  std::deque<Item> queue_;
  bool closed_ = false;        // finish() was called: drain the queue, then end (guarded by mutex_)
  bool stopping_ = false;      // the destructor asks the worker to end now (guarded by mutex_)
  bool stopped_ = false;       // the sink returned false or threw (guarded by mutex_ when threaded)
  std::exception_ptr failure_; // set by handle(); read by finish() after the worker ended

  std::thread worker_; // last: starts once every member above exists; none when not threaded
};

} // namespace appeald::daemon
