import Foundation
import GRDB
import TriageCore

extension TicketStore {
    /// A store in memory (snapshots, tests): nothing touches the disk.
    public static func inMemory(policy: SLAPolicy = .default) throws(TicketError) -> TicketStore {
        do {
            return try TicketStore(DatabaseQueue(configuration: configuration()), policy: policy)
        } catch let error as TicketError {
            throw error
        } catch {
            throw .storage("cannot create an in-memory store: \(error)")
        }
    }
}
