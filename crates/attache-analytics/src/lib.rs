//! Attaché's measures of engagement: what the register says about each relationship.
//!
//! Pure functions over records the caller has already read (and filtered by security
//! label): no I/O, no clock, no database. "Now" comes in as a [`Period`] parameter.
//!
//! Every measure takes [`Counted`] records, and the only way to get one is
//! [`Counted::select`]: the one place that decides what counts as engagement (coercive
//! presence, military operations and activities that did not take place never do).

pub mod ame;
pub mod categories;
pub mod centrality;
pub mod community;
pub mod counted;
pub mod intensity;
pub mod network;
pub mod pairs;
pub mod period;
pub mod trend;
pub mod weights;

pub use categories::category_intensity;
pub use counted::{Counted, Record};
pub use intensity::{Cell, IntensityTable, PairKey, pair_intensity, partner_intensity};
pub use network::{Network, NodeMeasures};
pub use pairs::{EventError, PairEvents};
pub use period::{Granularity, Period};
pub use trend::{Alert, EarlyWarning, trend_slope};
pub use weights::{CategoryWeights, WeightError};

#[cfg(test)]
mod testing;
