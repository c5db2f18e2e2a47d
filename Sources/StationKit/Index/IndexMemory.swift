/// Owns the memory behind a ``StationIndex``'s flat arrays: blocks the build allocated, or a mapped
/// snapshot file.
///
/// The index reads its arrays through plain buffer pointers so that the search runs the same code,
/// with no protocol and no copy, whichever way the index was made; this object is what keeps the
/// pointed-to memory alive, and it releases it when the last index copy goes away.
final class IndexMemory: @unchecked Sendable {
    // Written only while the index is being built, on one thread; read-only afterwards.
    private var allocations: [UnsafeMutableRawPointer] = []
    /// The snapshot the arrays point into, if they come from one.
    let mapping: MappedFile?

    /// Memory for an index built in this process.
    init() { mapping = nil }

    /// Memory of an index opened from a snapshot.
    init(mapping: MappedFile) { self.mapping = mapping }

    /// A new zero-filled array of `count` elements of a trivial type, freed with this object.
    func allocate<Element: BitwiseCopyable>(_ type: Element.Type, count: Int) -> UnsafeMutableBufferPointer<Element> {
        // At least one element, so that even an empty array has an address to free.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Element>.stride,
                                                   alignment: max(MemoryLayout<Element>.alignment, 16))
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1) * MemoryLayout<Element>.stride)
        allocations.append(raw)
        return UnsafeMutableBufferPointer(start: raw.bindMemory(to: Element.self, capacity: max(count, 1)), count: count)
    }

    deinit {
        for raw in allocations { raw.deallocate() }
    }
}
