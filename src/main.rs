fn main() {
    concordat_map::start();
}
