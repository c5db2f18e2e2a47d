import Dispatch
import Foundation
import GEOSBridge
import Synchronization

/// Runs jobs `0..<count` on up to `workers` threads, each thread with a GEOS context of its own
/// (a context must never be shared) and the state `prepare` builds in it once — the region's
/// prepared geometries, say. Jobs are handed out one at a time in order, so a caller that puts the
/// largest first keeps all cores busy to the end. Results come back in job order, so what is summed
/// or written afterwards does not depend on scheduling; the first error in job order is thrown.
func runGEOSJobs<State, Output: Sendable>(
    count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    prepare: (GEOSContext) throws(AnalysisError) -> State,
    job: (State, GEOSContext, Int) throws(AnalysisError) -> Output
) throws(AnalysisError) -> [Output] {
    guard count > 0 else { return [] }
    let slots = UnsafeMutableBufferPointer<Result<Output, AnalysisError>?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
        slots.deinitialize()
        slots.deallocate()
    }
    let threads = max(1, min(workers, count))
    let setupFailures = UnsafeMutableBufferPointer<AnalysisError?>.allocate(capacity: threads)
    setupFailures.initialize(repeating: nil)
    defer {
        setupFailures.deinitialize()
        setupFailures.deallocate()
    }
    nonisolated(unsafe) let shared = slots, failures = setupFailures
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(prepare) { prepare in
        withoutActuallyEscaping(job) { job in
            nonisolated(unsafe) let (prepare, job) = (prepare, job)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let context = GEOSContext()
                let state: State
                do throws(AnalysisError) { state = try prepare(context) } catch {
                    failures[thread] = error
                    return
                }
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    do throws(AnalysisError) { shared[index] = .success(try job(state, context, index)) } catch { shared[index] = .failure(error) }
                }
            }
        }
    }
    var outputs: [Output] = []
    outputs.reserveCapacity(count)
    for slot in shared {
        switch slot {
        case .success(let output): outputs.append(output)
        case .failure(let error): throw error
        // Every thread failed to set up, so nobody took this job.
        case nil: throw failures.compactMap { $0 }.first ?? AnalysisError(step: "starting workers", underlying: .operation(function: "GEOS_init_r", message: "no worker ran"))
        }
    }
    return outputs
}

/// Runs `body`, naming GEOS's failure with `step`.
func geosStep<T>(_ step: @autoclosure () -> String, _ body: () throws(GEOSError) -> T) throws(AnalysisError) -> T {
    do { return try body() } catch { throw AnalysisError(step: step(), underlying: error) }
}
