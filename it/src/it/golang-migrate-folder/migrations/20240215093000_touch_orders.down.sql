DROP TRIGGER IF EXISTS orders_touch ON orders;
ALTER TABLE orders DROP COLUMN IF EXISTS updated_at;
DROP FUNCTION IF EXISTS touch_updated_at();
